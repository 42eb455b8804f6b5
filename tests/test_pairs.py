"""Relation candidates across the article, and the one-object rule of functional predicates."""

from __future__ import annotations

from kg.extract import draft, entities_of, load_lexicon, rule_decisions
from kg.extract.context import Context
from kg.extract.decide import functional
from kg.extract.pairs import _dateline, relation_candidates
from kg.extract.relations import find_relations
from kg.model import Article, EntityType
from kg.model import Predicate as P

TEXT = (
    "Hanoï (VNA) – Le Premier ministre Pham Minh Chinh a reçu jeudi le président de Meta.\n"
    "Le Vietnam et le Japon ont signé un accord sur l'intelligence artificielle. "
    "Le Vietnam accueillera la 6e conférence ministérielle du numérique de l'ASEAN."
)


def context(nlp, text: str = TEXT) -> tuple[Context, tuple]:
    lexicon = load_lexicon()
    d = draft(Article(id="p", text=text, source_file="p.txt"), nlp, lexicon)
    entities = entities_of(d, lexicon, rule_decisions(d))
    ctx = Context.build(d.doc, d.sentences, entities, lexicon)
    return ctx, find_relations(d.doc, d.sentences, entities, lexicon, ctx)


def key_of(ctx: Context, name: str) -> str:
    return next(e.key for e in ctx.entities if e.name == name)


def test_dateline_city_is_found(nlp):
    ctx, _ = context(nlp)
    assert {ctx.entity(k).name for k in _dateline(ctx)} == {"Hanoï"}
    ctx, _ = context(nlp, TEXT.replace("Hanoï (VNA) – ", "À Hanoï, "))
    assert not _dateline(ctx)


def test_article_pairs_propose_posts_and_places_never_named_together(nlp):
    ctx, rules = context(nlp)
    cands = relation_candidates(ctx, rules)
    person, vietnam = key_of(ctx, "Pham Minh Chinh"), key_of(ctx, "Vietnam")
    hanoi = key_of(ctx, "Hanoï")
    post = [c for c in cands if (c.subject, c.object) == (person, vietnam)]
    assert len(post) == 1 and post[0].predicates == (P.HOLDS_ROLE,)
    assert post[0].features["xpost_main"] == 1 and "xpost_title=premier" in post[0].features
    place = [c for c in cands if (c.subject, c.object) == (hanoi, vietnam)]
    assert place and place[0].features.get("xloc_dateline|Place>Country") == 1
    # a pair named in one sentence is not proposed again as an article pair
    japan = key_of(ctx, "Japon")
    assert all(
        "article" not in c.features for c in cands if {c.subject, c.object} == {vietnam, japan}
    )


def test_functional_predicates_keep_the_likeliest_object_only():
    types = {
        "p": EntityType.PERSON,
        "vn": EntityType.COUNTRY,
        "jp": EntityType.COUNTRY,
        "meta": EntityType.ORGANISATION,
        "ev": EntityType.EVENT,
    }
    chosen = {
        ("p", P.HOLDS_ROLE, "vn"): (0.7, 1),
        ("p", P.HOLDS_ROLE, "jp"): (0.4, 2),
        ("p", P.HOLDS_ROLE, "meta"): (0.3, 1),  # another type of object: kept
        ("p", P.PARTICIPATES_IN, "ev"): (0.5, 1),
        ("vn", P.PARTNER_OF, "jp"): (0.6, 2),
    }
    kept = functional(chosen, types)
    assert ("p", P.HOLDS_ROLE, "jp") not in kept
    assert set(kept) == set(chosen) - {("p", P.HOLDS_ROLE, "jp")}


def test_an_agreement_signed_by_the_two_parties_is_proposed_for_the_actors_before(nlp):
    ctx, rules = context(
        nlp,
        "Le ministre vietnamien Nguyen Manh Hung a reçu son homologue japonais à Hanoï. "
        "Les deux parties ont ensuite signé l'Accord de coopération numérique de 2025.",
    )
    cands = relation_candidates(ctx, rules)
    docs = [c for c in cands if "xdoc" in c.features]
    assert {ctx.entity(c.subject).name for c in docs} >= {"Vietnam", "Japon"}
    assert all(c.predicates == (P.SIGNS, P.LEADS) for c in docs)
    assert all(c.features.get("xdoc_verb=sign") == 1 for c in docs)
