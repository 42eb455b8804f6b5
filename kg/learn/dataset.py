"""Training examples from the gold files: the rules' candidates, labelled by the gold.

Each article gives examples for the four decisions. Candidates are what extraction will
see (the same :mod:`kg.extract` functions make them); labels come from aligning them to
the gold file with the scorer's own alignment, so that a model learns exactly what
``kg evaluate`` rewards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.evaluate import AnnEntity, Annotation, align, find_article, gold_files, load_gold
from kg.extract import draft, entities_of
from kg.extract.commitments import find_commitments
from kg.extract.context import Context
from kg.extract.coreference import coreference_mentions
from kg.extract.features import (
    commitment_candidates,
    commitment_sentence_features,
    cue_kinds,
    entity_features,
    nesting_features,
)
from kg.extract.grouping import canonical_name
from kg.extract.learned import NONE
from kg.extract.pairs import relation_candidates
from kg.extract.relations import find_relations
from kg.extract.text import normalise
from kg.model import Article, EntityType

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.extract.lexicon import Lexicon

Example = tuple[dict[str, float], str]
DATA = Path("data")


@dataclass
class ArticleExamples:
    """The labelled candidates of one article."""

    name: str
    entities: list[Example] = field(default_factory=list)
    relations: list[Example] = field(default_factory=list)
    sentences: list[Example] = field(default_factory=list)
    commitments: list[Example] = field(default_factory=list)
    kinds: list[Example] = field(default_factory=list)
    gold_items: dict[str, int] = field(default_factory=dict)
    covered: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldArticle:
    gold_path: Path
    gold: Annotation
    article: Article


def corpus(root: Path | str = DATA) -> list[GoldArticle]:
    """Every annotated article under ``root``: every folder holding gold files."""
    from kg.articles import read_file

    out: list[GoldArticle] = []
    for gold_dir in sorted({p.parent for p in Path(root).rglob("*.json")}):
        for gf in gold_files(gold_dir):
            (article,) = read_file(find_article(gf, None))
            out.append(GoldArticle(gf, load_gold(gf), article))
    return out


def _align_for_labels(gold: list[AnnEntity], cands: list[AnnEntity]) -> dict[str, str]:
    """Candidate → gold entity: first where the rules' type agrees, then across types (a
    candidate of the wrong type teaches the model the right one)."""
    pairs = align(gold, cands, typed=True)
    rest_gold = [g for g in gold if g.id not in set(pairs.values())]
    rest = [c for c in cands if c.id not in pairs]
    pairs.update(align(rest_gold, rest, typed=False))
    return pairs


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", normalise(text)))


def _states(evidence: str | None, words: set[str]) -> bool:
    """Whether a sentence is the gold evidence of a relation (or the gold gives none)."""
    if not evidence:
        return True
    gw = _words(evidence)
    return len(gw & words) >= 0.5 * max(1, len(gw))


def _rel_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    return (o, p, s) if p == "partnerOf" and o < s else (s, p, o)


def examples(item: GoldArticle, nlp: Language, lexicon: Lexicon) -> ArticleExamples:
    """Labelled examples of one article, for the four decisions."""
    gold = item.gold
    d = draft(item.article, nlp, lexicon)
    out = ArticleExamples(item.gold_path.stem)
    as_ann = [
        AnnEntity(str(i), g.type.value, canonical_name(g), list(g.names))
        for i, g in enumerate(d.groups)
    ]
    pairs = _align_for_labels(gold.entities, as_ann)
    gold_type = {e.id: e.type for e in gold.entities}
    decisions: list[tuple[EntityType, float] | None] = []
    nesting = nesting_features(d.groups)
    for i, g in enumerate(d.groups):
        label = gold_type[pairs[str(i)]] if str(i) in pairs else NONE
        out.entities.append((entity_features(d.doc, g, d.sentences) | nesting[i], label))
        generic = all(
            c.source.endswith("-generic") or c.source == "anaphor" or c.source.startswith("ner-raw")
            for c in g.members
        )
        if label != NONE:
            decisions.append((EntityType(label), 1.0))
        else:
            decisions.append(None if generic else (g.type, 1.0))
    kept = [i for i, dec in enumerate(decisions) if dec is not None]
    entities = entities_of(d, lexicon, decisions)
    to_gold = {e.key: pairs[str(i)] for i, e in zip(kept, entities, strict=True) if str(i) in pairs}
    out.gold_items = {
        "entities": len(gold.entities),
        "relations": len({_rel_key(r.subject, r.predicate, r.object) for r in gold.relations}),
        "commitments": len(gold.commitments),
    }
    out.covered["entities"] = len(pairs)

    doc, sentences = d.doc, d.sentences
    ctx = Context.build(doc, sentences, entities, lexicon)
    rule_relations = find_relations(doc, sentences, entities, lexicon, ctx)
    entities = coreference_mentions(ctx, rule_relations)
    ctx = ctx.with_entities(entities)
    gold_rel = {_rel_key(r.subject, r.predicate, r.object): r for r in gold.relations}
    covered: set[tuple[str, str, str]] = set()
    sentence_words = {s.index: _words(s.text) for s in sentences}
    for c in relation_candidates(ctx, rule_relations):
        ga, gb = to_gold.get(c.subject), to_gold.get(c.object)
        label = NONE
        if ga and gb:
            for p in c.predicates:
                k = _rel_key(ga, p.value, gb)
                if k in gold_rel:
                    label = p.value
                    covered.add(k)
                    break
        if (
            label != NONE
            and "article" not in c.features
            and not _states(gold_rel[k].evidence, sentence_words[c.sentence])
        ):
            continue  # true of the pair, but stated by another sentence: teaches nothing
        out.relations.append((c.features, label))
    out.covered["relations"] = len(covered)

    rule_commitments = find_commitments(doc, sentences, entities, rule_relations, lexicon, ctx)
    cues = cue_kinds(sentences)
    cands = commitment_candidates(ctx, rule_relations, rule_commitments, cues)
    words = {s.index: _words(s.text) for s in sentences}
    positive: dict[int, str] = {}
    for gc in gold.commitments:
        gw = _words(gc.evidence)
        best, best_overlap = None, 0.0
        for ci, c in enumerate(cands):
            if to_gold.get(c.actor) != gc.actor or ci in positive:
                continue
            overlap = len(gw & words[c.sentence]) / max(1, len(gw))
            if overlap >= 0.5 and overlap > best_overlap:
                best, best_overlap = ci, overlap
        if best is not None:
            positive[best] = gc.kind
    committing = set()
    for gc in gold.commitments:
        gw = _words(gc.evidence)
        overlaps = [(len(gw & words[s.index]) / max(1, len(gw)), -s.index) for s in sentences]
        best = max(overlaps, default=(0.0, 0))
        if best[0] >= 0.5:
            committing.add(-best[1])
    for sent in sentences:
        label = "yes" if sent.index in committing else "no"
        out.sentences.append((commitment_sentence_features(ctx, sent, cues), label))
    for ci, c in enumerate(cands):
        label = "yes" if ci in positive else "no"
        if c.sentence in committing:  # the actor model learns within committing sentences
            out.commitments.append((c.features, label))
        if ci in positive:
            out.kinds.append((c.features, positive[ci]))
    out.covered["commitments"] = len(positive)
    return out
