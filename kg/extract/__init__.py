"""Extraction: one article in, plain data out (no RDF here).

``extract(article)`` parses the text with spaCy, finds entities
(:mod:`kg.extract.entities`), then relations and commitments, and returns an
:class:`kg.model.Extraction` whose every item points at its sentence and offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import decide
from kg.extract.candidates import ACRONYM, Candidate
from kg.extract.context import Context
from kg.extract.coreference import coreference_mentions
from kg.extract.dates import with_dates, with_deadlines
from kg.extract.decide import NONE, decide_type, with_confidence
from kg.extract.entities import EntityFinder
from kg.extract.features import cue_kinds, entity_features, nesting_features
from kg.extract.grouping import Group, abbreviates_tail, canonical_name, group_acronyms, merge
from kg.extract.learned import Models, load_models
from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.pipeline import load_pipeline
from kg.extract.text import normalise
from kg.model import Article, Entity, EntityType, Extraction, Mention, Sentence
from kg.namespace import slug

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Draft", "draft", "entities_of", "extract", "load_lexicon", "load_pipeline"]


def sentences_of(doc: Doc) -> tuple[Sentence, ...]:
    """Sentences with surrounding white space trimmed, so that evidence is exact text."""
    out: list[Sentence] = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(len(out), start, end, text[start:end]))
    return tuple(out)


def _sentence_index(sentences: tuple[Sentence, ...]) -> callable:
    starts = [s.start for s in sentences]

    def at(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    return at


def _names_known_bodies(finder: EntityFinder, start: int, end: int) -> bool:
    """Whether a part of the parenthesis between tokens start and end is wholly a known
    name (a gazetteer entry), as in "(ASEAN - CCG)"."""
    doc = finder.doc
    part: list[int] = []
    for k in [*range(start, end), end]:
        if k == end or doc[k].text in ("-", "–", "—", ",", ";"):
            if part and all(finder._gaz_at(i) for i in part):
                return True
            part = []
        else:
            part.append(k)
    return False


def _acronym_candidates(finder: EntityFinder, cands: list[Candidate]) -> list[Candidate]:
    """``Autorité monétaire de Singapour (MAS)``, ``Forum sur l'avenir de l'ASEAN 2024
    (ASEAN Future Forum 2024 - AFF 2024)``: what the parentheses give are other names of
    the longest name they close. Returns the candidates without those found inside such
    parentheses (they are aliases, not entities of their own)."""
    doc = finder.doc
    alias_spans: list[tuple[int, int]] = []
    for c in cands:
        if c.type in (EntityType.PERSON, EntityType.COUNTRY, EntityType.PLACE) or c.gazetteer_id:
            continue
        if c.source.endswith("-generic"):
            continue
        if any(
            o is not c
            and o.end == c.end
            and o.start < c.start
            and not o.gazetteer_id
            and not o.source.endswith("-generic")
            for o in cands
        ):
            continue  # the longer name ending here owns the parentheses
        j = c.end
        if j >= len(doc) or doc[j].text != "(":
            continue
        close = next((k for k in range(j + 1, min(j + 14, len(doc))) if doc[k].text == ")"), None)
        if close is None:
            continue
        inner = doc[j + 1 : close].text
        if _names_known_bodies(finder, j + 1, close):
            continue  # "(ASEAN - CCG)": the bodies a name is about, not another name for it
        for part in re.split(r"\s+[-–—]\s+|,\s*|;\s*", inner):
            part = part.strip()
            words = part.split()
            if not words:
                continue
            acronym = bool(ACRONYM.match(words[0])) and len(words) <= 2
            name = (
                len(words) >= 2
                and words[0][:1].isupper()
                and sum(w[:1].isupper() for w in words) >= 2
            )
            if acronym and abbreviates_tail(doc, c.start, c.end, words[0]):
                continue  # "Sommet … sur l'intelligence artificielle (IA)": a term's acronym
            if (acronym or name) and part not in c.aliases and part != c.text:
                c.aliases.append(part)
                alias_spans.append((j + 1, close))
    return [
        c
        for c in cands
        if c.gazetteer_id or not any(a <= c.start and c.end <= b for a, b in alias_spans)
    ]


def _extra_mentions(doc: Doc, finder: EntityFinder, groups: list[Group]) -> None:
    """Find later uses of aliases learnt in the article ("la VIDW 2025", "la MAS")."""
    taken = {(c.start_char, c.end_char) for g in groups for c in g.members}
    covered = [(c.start_char, c.end_char) for g in groups for c in g.members]
    text = doc.text
    for g in groups:
        if g.type == EntityType.PERSON:
            continue
        for alias in g.names:
            if not (ACRONYM.match(alias.split()[0]) and len(alias) <= 20):
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text):
                span = (m.start(), m.end())
                _drop_weaker(groups, g, span)
                covered = [(c.start_char, c.end_char) for h in groups for c in h.members]
                if span in taken or any(a <= span[0] and span[1] <= b for a, b in covered):
                    continue
                tok = doc.char_span(*span, alignment_mode="expand")
                if tok is None or finder._skipped(tok.start, tok.end):
                    continue
                best = g.best
                g.members.append(
                    Candidate(
                        start=tok.start,
                        end=tok.end,
                        type=g.type,
                        source="alias",
                        priority=50,
                        text=m.group(),
                        start_char=span[0],
                        end_char=span[1],
                        gazetteer_id=best.gazetteer_id,
                        org_kind=best.org_kind,
                    )
                )
                taken.add(span)


def _resolve_anaphora(anaphora: list[Candidate], groups: list[Group]) -> list[Group]:
    """ "la conférence", "la séance plénière", "le protocole d'accord": the latest event or
    initiative of that kind named before. One with nothing before it may be the first
    mention of an unnamed happening ("la visite"): it comes back as a group of its own,
    for the entity model to judge."""
    alone: list[Group] = []
    for c in anaphora:
        if c.type == EntityType.EVENT:
            wanted, kind_of = c.event_kind, (lambda m: m.event_kind)
        else:
            wanted, kind_of = c.initiative_kind, (lambda m: m.initiative_kind)
        before = [
            (max(m.start_char for m in g.members if m.start_char < c.start_char), g)
            for g in groups
            if g.type == c.type
            and any(m.start_char < c.start_char for m in g.members)
            and any(kind_of(m) == wanted for m in g.members)
        ]
        if not before:
            c.source = "anaphor"
            same = next((g for g in alone if normalise(g.names[0]) == normalise(c.text)), None)
            if same is None:
                alone.append(Group(c.type, [c], [c.text]))
            else:
                same.members.append(c)
            continue
        _, target = max(before, key=lambda x: x[0])
        c.source = f"coreference:{c.type.value.lower()}"
        target.members.append(c)
    return alone


def _drop_weaker(groups: list[Group], owner: Group, span: tuple[int, int]) -> None:
    """An alias the article defined beats a bare NER guess over the same words
    ("la VIDW 2025" is the event, not an organisation "VIDW")."""
    for h in list(groups):
        if h is owner:
            continue
        h.members = [
            c
            for c in h.members
            if not (
                (c.source.startswith("ner:") or c.source == "rule:acronym")
                and c.start_char < span[1]
                and span[0] < c.end_char
            )
        ]
        if not h.members:
            groups.remove(h)


def _keep(g: Group) -> bool:
    if g.type == EntityType.PERSON:
        # a lone surname never seen in full is too weak to be a person
        return any(c.source != "ner:PER-short" for c in g.members)
    return True


def _entity(g: Group, key: str, lexicon: Lexicon, at: callable) -> Entity:
    name = canonical_name(g)
    mentions = tuple(
        sorted(
            {
                (c.start_char, c.end_char): Mention(
                    c.start_char,
                    c.end_char,
                    c.text,
                    at(c.start_char),
                    c.source,
                    round(min(1.0, c.priority / 100), 2),
                )
                for c in g.members
            }.values(),
            key=lambda m: m.start,
        )
    )
    norm_name = normalise(name)
    aliases = tuple(dict.fromkeys(n for n in g.names if normalise(n) != norm_name and n.strip()))
    gaz = g.gazetteer_id
    wikidata = iso = None
    org_kind = next((c.org_kind for c in g.members if c.org_kind), None)
    if gaz and gaz.startswith("country/"):
        country = lexicon.country(gaz.split("/", 1)[1])
        wikidata, iso = country.wikidata, country.iso
    elif gaz and gaz.startswith("org/"):
        wikidata = next((o.wikidata for o in lexicon.organisations if f"org/{o.id}" == gaz), None)
    elif gaz and gaz.startswith("place/"):
        wikidata = next(
            (p.wikidata for p in lexicon.places if f"place/{slug(p.name)}" == gaz), None
        )
    best = max(g.members, key=lambda c: (c.edition is not None, c.year is not None, c.priority))
    merges = tuple(
        dict.fromkeys((n, why) for n, why in g.merges if normalise(n) != norm_name or n != name)
    )
    return Entity(
        key=key,
        type=g.type,
        name=name,
        mentions=mentions,
        aliases=aliases,
        org_kind=org_kind,
        gazetteer_id=gaz,
        wikidata=wikidata,
        iso_code=iso,
        event_kind=next((c.event_kind for c in g.members if c.event_kind), None),
        edition=best.edition,
        year=best.year,
        merges=tuple({n: why for n, why in reversed(merges) if n != name}.items())[::-1],
    )


@dataclass
class Draft:
    """What the rules propose for one article, before any learned decision."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]
    groups: list[Group]


def draft(article: Article, nlp: Language, lexicon: Lexicon) -> Draft:
    """Parse one article and group the candidate mentions the rules find (high recall)."""
    doc = nlp(article.text)
    sentences = sentences_of(doc)
    finder = EntityFinder(doc, nlp, lexicon)
    cands = _acronym_candidates(finder, finder.candidates())
    anaphora = [c for c in cands if c.anaphoric]
    cands = [c for c in cands if not c.anaphoric]
    groups = merge(cands, {})
    groups = merge([c for g in groups for c in g.members], group_acronyms(groups))
    _extra_mentions(doc, finder, groups)
    groups.extend(_resolve_anaphora(anaphora, groups))
    groups = [g for g in groups if _keep(g)]
    groups.sort(key=lambda g: min(c.start_char for c in g.members))
    return Draft(article, doc, sentences, groups)


def entities_of(
    d: Draft, lexicon: Lexicon, decisions: list[tuple[EntityType, float] | None]
) -> tuple[Entity, ...]:
    """Entities of the groups kept by ``decisions`` (one per group: its type and
    probability, or None to drop it), with their dates."""
    at = _sentence_index(d.sentences)
    entities: list[Entity] = []
    used: set[str] = set()
    for g, decision in zip(d.groups, decisions, strict=True):
        if decision is None:
            continue
        etype, prob = decision
        g.type = etype
        base = f"{etype.value.lower()}-{slug(canonical_name(g))}"[:80]
        key, n = base, 2
        while key in used:
            key, n = f"{base}-{n}", n + 1
        used.add(key)
        entities.append(with_confidence(_entity(g, key, lexicon, at), prob))
    return with_dates(tuple(entities), d.sentences, d.article)


def rule_decisions(d: Draft) -> list[tuple[EntityType, float] | None]:
    """Without a model: the rules' own verdict (generic phrases are not entities)."""
    return [
        None
        if all(
            c.source.endswith("-generic") or c.source == "anaphor" or c.source.startswith("ner-raw")
            for c in g.members
        )
        else (g.type, round(min(1.0, g.best.priority / 100), 2))
        for g in d.groups
    ]


def model_decisions(d: Draft, models: Models) -> list[tuple[EntityType, float] | None]:
    """The entity model's verdict on each group: its type and probability, or None."""
    out: list[tuple[EntityType, float] | None] = []
    for g, nest in zip(d.groups, nesting_features(d.groups), strict=True):
        features = entity_features(d.doc, g, d.sentences) | nest
        label, prob = decide_type(models.entities, features)
        out.append(None if label == NONE else (EntityType(label), prob))
    return out


def extract(
    article: Article,
    nlp: Language | None = None,
    lexicon: Lexicon | None = None,
    models: Models | bool | None = None,
) -> Extraction:
    """Extract entities, relations and commitments from one article.

    ``models``: the learned models (default: those shipped in the package); ``False``
    runs the rules alone, as a baseline.
    """
    from kg.extract.commitments import find_commitments
    from kg.extract.relations import find_relations

    nlp = nlp or load_pipeline()
    lexicon = lexicon or load_lexicon()
    if models is None:
        models = load_models()
    d = draft(article, nlp, lexicon)
    decisions = model_decisions(d, models) if models else rule_decisions(d)
    entities = entities_of(d, lexicon, decisions)
    doc, sentences = d.doc, d.sentences
    ctx = Context.build(doc, sentences, entities, lexicon)
    rule_relations = find_relations(doc, sentences, entities, lexicon, ctx)
    entities = coreference_mentions(ctx, rule_relations)
    ctx = ctx.with_entities(entities)
    if not models:
        rule_commitments = find_commitments(doc, sentences, entities, rule_relations, lexicon, ctx)
        rule_commitments = with_deadlines(rule_commitments, sentences, article)
        return Extraction(article, sentences, entities, rule_relations, rule_commitments)
    rels = decide.relations(ctx, rule_relations, models.relations)
    rule_commitments = find_commitments(doc, sentences, entities, rule_relations, lexicon, ctx)
    coms = decide.commitments(ctx, rels, rule_commitments, cue_kinds(sentences), models)
    coms = with_deadlines(tuple(coms), sentences, article)
    return Extraction(
        article=article,
        sentences=sentences,
        entities=entities,
        relations=rels,
        commitments=coms,
    )
