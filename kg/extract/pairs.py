"""Relation candidates: pairs in one sentence, and pairs the article links across sentences.

Most relations are stated in one sentence (:func:`kg.extract.features.sentence_pairs`).
Some are not, and the gold files still hold them: a country takes part in an event its
official attends three sentences later; "le Premier ministre Pham Minh Chinh" holds his
post in the country the article is about; "Hanoï (VNA) –" places the article's event and
city. Those pairs are proposed here, with features of the article rather than of a
sentence, and the same relation model decides.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.context import AGENTS, Context
from kg.extract.features import BOTH_PARTIES, PairCandidate, _bucket, sentence_pairs
from kg.extract.text import content_words, normalise
from kg.model import Entity, EntityType, Relation
from kg.model import Predicate as P

E = EntityType
PLURAL_SUBJECT = re.compile(
    r"\b(?:ils|elles|les deux (?:ministres|dirigeants|parties|pays|agences|délégations|"
    r"présidents|premiers ministres|chefs|entreprises|sociétés|groupes|organisations)|"
    r"les parties)\b",
    re.IGNORECASE,
)
AGENCY_AFTER = re.compile(r"\s*(?:,[^()\n]{0,30})?\(\s*[A-Z]{2,6}(?:/[A-Z]{2,6})?\s*\)")


def relation_candidates(ctx: Context, rule_relations: tuple[Relation, ...]) -> list[PairCandidate]:
    """Every candidate pair the relation model judges."""
    rules_any: dict[tuple[str, str], set[str]] = {}
    for r in rule_relations:
        rules_any.setdefault((r.subject, r.object), set()).add(r.predicate.value)
    counts = Counter({e.key: len(e.mentions) for e in ctx.entities})
    out = sentence_pairs(ctx, rule_relations)
    together = {(c.subject, c.object) for c in out} | {(c.object, c.subject) for c in out}
    out.extend(_participation(ctx, out, rules_any, counts, together))
    out.extend(_posts(ctx, rule_relations, counts, together))
    out.extend(_places(ctx, counts, together))
    out.extend(_sessions(ctx, counts, together))
    out.extend(_documents(ctx, counts, together))
    return out


def _main(entities: list[Entity]) -> str | None:
    return (
        max(entities, key=lambda e: (len(e.mentions), -e.mentions[0].start)).key
        if entities
        else None
    )


def _rank(entities: list[Entity], key: str) -> str:
    order = sorted(entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))
    k = next(i for i, e in enumerate(order) if e.key == key)
    return _bucket(k, (0, 1, 2))


def _in_headline(e: Entity) -> bool:
    return any(m.sentence == 0 for m in e.mentions)


def _dateline(ctx: Context) -> set[str]:
    """Places named where a line opens with "Ville (AGENCE) –": where the article was
    filed, and mostly where what it reports happened."""
    text = ctx.doc.text
    out = set()
    for e in ctx.entities:
        if e.type != E.PLACE:
            continue
        for m in e.mentions:
            line_start = text.rfind("\n", 0, m.start) + 1
            if not text[line_start : m.start].strip() and AGENCY_AFTER.match(text, m.end):
                out.add(e.key)
    return out


def _participation(
    ctx: Context,
    same_sentence: list[PairCandidate],
    rules_any: dict[tuple[str, str], set[str]],
    counts: Counter,
    together: set[tuple[str, str]],
) -> list[PairCandidate]:
    """Actors and events never named in one sentence: the guide has a country or body take
    part in an event its official attends, and an article about one event may name its
    participants sentences apart."""
    officials: dict[str, set[str]] = {}
    for (s, o), preds in rules_any.items():
        if P.HOLDS_ROLE.value in preds:
            officials.setdefault(o, set()).add(s)
    with_event: dict[str, set[str]] = {}
    for c in same_sentence:
        if P.PARTICIPATES_IN in c.predicates:
            with_event.setdefault(c.object, set()).add(c.subject)
    events = [e for e in ctx.entities if e.type == E.EVENT]
    main_event = _main(events)
    agents = [e for e in ctx.entities if e.type in AGENTS]
    out: list[PairCandidate] = []
    for ev in events:
        first = min(m.sentence for m in ev.mentions)
        for ag in agents:
            if (ag.key, ev.key) in together:
                continue
            t = f"{ag.type.value}>Event"
            f: dict[str, float] = {"article": 1, "xsent": 1, f"xsent|{t}": 1}
            if officials.get(ag.key, set()) & with_event.get(ev.key, set()):
                f[f"xsent_official|{t}"] = 1
            if ev.key == main_event:
                f[f"xsent_main|{t}"] = 1
            f[f"xsent_cnt_a={_bucket(counts[ag.key], (1, 2, 4))}|{t}"] = 1
            f[f"xsent_cnt_b={_bucket(counts[ev.key], (1, 2, 4))}"] = 1
            if ag.gazetteer_id:
                f[f"xsent_gaz|{t}"] = 1
            out.append(PairCandidate(ag.key, ev.key, first, f, (P.PARTICIPATES_IN, P.ORGANISES)))
    return out


def _posts(
    ctx: Context,
    rule_relations: tuple[Relation, ...],
    counts: Counter,
    together: set[tuple[str, str]],
) -> list[PairCandidate]:
    """A person and a country never named together: "le Premier ministre X" of the
    country the article is about. The title's words and the country's weight in the
    article decide; the model keeps at most one country per person."""
    countries = [e for e in ctx.entities if e.type == E.COUNTRY]
    if not countries:
        return []
    main = _main(countries)
    from kg.extract.relations import Relations

    titles: dict[str, str] = {}
    for r in rule_relations:
        if r.predicate == P.HOLDS_ROLE and r.role:
            titles.setdefault(r.subject, r.role)
    finder = Relations(ctx)
    placed = {s for s, o in together if ctx.entity(o).type == E.COUNTRY}
    out: list[PairCandidate] = []
    for person in (e for e in ctx.entities if e.type == E.PERSON):
        first = min(m.sentence for m in person.mentions)
        title = titles.get(person.key) or next(
            (t for m in person.mentions if (t := finder.title_of(person.key, m.sentence))),
            None,
        )
        for c in countries:
            if (person.key, c.key) in together:
                continue
            f: dict[str, float] = {
                "article": 1,
                "xpost": 1,
                f"xpost_rank={_rank(countries, c.key)}": 1,
            }
            if c.key == main:
                f["xpost_main"] = 1
            f[f"xpost_cnt_c={_bucket(counts[c.key], (1, 2, 4, 8))}"] = 1
            f[f"xpost_cnt_p={_bucket(counts[person.key], (1, 2, 4))}"] = 1
            f[f"xpost_n_countries={_bucket(len(countries), (1, 2, 3, 5))}"] = 1
            if person.key in placed:
                f["xpost_person_has_country_nearby"] = 1
            if _in_headline(c):
                f["xpost_c_headline"] = 1
            if title:
                for w in content_words(normalise(title))[:4]:
                    f[f"xpost_title={w}"] = 1
            else:
                f["xpost_no_title"] = 1
            out.append(PairCandidate(person.key, c.key, first, f, (P.HOLDS_ROLE,)))
    return out


def _places(ctx: Context, counts: Counter, together: set[tuple[str, str]]) -> list[PairCandidate]:
    """Places and events never named with the place or country they are in: a city of
    the dateline, the capital of a country the article names."""
    dateline = _dateline(ctx)
    places = [e for e in ctx.entities if e.type == E.PLACE]
    countries = [e for e in ctx.entities if e.type == E.COUNTRY]
    main_country = _main(countries)
    events = [e for e in ctx.entities if e.type == E.EVENT]
    main_event = _main(events)
    out: list[PairCandidate] = []
    for place in places:
        known = ctx.country_of_place(place)
        first = min(m.sentence for m in place.mentions)
        for c in countries:
            if (place.key, c.key) in together:
                continue
            f: dict[str, float] = {"article": 1, "xloc": 1, "xloc|Place>Country": 1}
            if known == c.key:
                f["xloc_known_country"] = 1
            elif known:
                f["xloc_other_known_country"] = 1
            if c.key == main_country:
                f["xloc_main_country|Place"] = 1
            if place.key in dateline:
                f["xloc_dateline|Place>Country"] = 1
            f[f"xloc_rank_c={_rank(countries, c.key)}|Place"] = 1
            out.append(PairCandidate(place.key, c.key, first, f, (P.LOCATED_IN,)))
    for ev in events:
        first = min(m.sentence for m in ev.mentions)
        for target in (*places, *countries):
            if (ev.key, target.key) in together:
                continue
            t = f"Event>{target.type.value}"
            f = {"article": 1, "xloc": 1, f"xloc|{t}": 1}
            if ev.key == main_event:
                f[f"xloc_main_event|{t}"] = 1
            if target.key in dateline:
                f[f"xloc_dateline|{t}"] = 1
            if target.key == main_country:
                f[f"xloc_main_country|{t}"] = 1
            pool = places if target.type == E.PLACE else countries
            f[f"xloc_rank={_rank(pool, target.key)}|{t}"] = 1
            f[f"xloc_cnt={_bucket(counts[target.key], (1, 2, 4))}|{t}"] = 1
            f[f"xloc_cnt_ev={_bucket(counts[ev.key], (1, 2, 4))}"] = 1
            out.append(PairCandidate(ev.key, target.key, first, f, (P.LOCATED_IN,)))
    return out


def _sessions(ctx: Context, counts: Counter, together: set[tuple[str, str]]) -> list[PairCandidate]:
    """Events never named together: a session, round table or ceremony of the event the
    article is about."""
    events = [e for e in ctx.entities if e.type == E.EVENT]
    main = _main(events)
    out: list[PairCandidate] = []
    for part in events:
        first = min(m.sentence for m in part.mentions)
        for whole in events:
            if whole.key == part.key or (part.key, whole.key) in together:
                continue
            f: dict[str, float] = {"article": 1, "xpart": 1}
            if whole.key == main:
                f["xpart_main"] = 1
            if part.key == main:
                f["xpart_part_is_main"] = 1
            f[f"xpart_kind={part.event_kind}|{whole.event_kind}"] = 1
            f[f"xpart_head={normalise(part.name).split()[0]}"] = 1
            n_part, n_whole = (
                _bucket(counts[part.key], (1, 2, 4)),
                _bucket(counts[whole.key], (1, 2, 4)),
            )
            f[f"xpart_cnt={n_part}|{n_whole}"] = 1
            if min(m.sentence for m in whole.mentions) < first:
                f["xpart_whole_first"] = 1
            out.append(PairCandidate(part.key, whole.key, first, f, (P.PART_OF,)))
    return out


def _documents(
    ctx: Context, counts: Counter, together: set[tuple[str, str]]
) -> list[PairCandidate]:
    """An agreement signed or a plan adopted by "les deux parties" or "ils": the actors
    named in the sentences just before."""
    agents = [e for e in ctx.entities if e.type in AGENTS]
    initiatives = [e for e in ctx.entities if e.type == E.INITIATIVE]
    out: list[PairCandidate] = []
    for ini in initiatives:
        for m in ini.mentions:
            text = ctx.sentences[m.sentence].text if m.sentence < len(ctx.sentences) else ""
            plural = PLURAL_SUBJECT.search(text) or BOTH_PARTIES.search(text)
            if not plural:
                continue
            # the nearer sentence is read last, so its distance wins
            before = {
                h.key: m.sentence - h.mention.sentence
                for k in (2, 1)
                for h in ctx.hits(m.sentence - k)
            }
            for ag in agents:
                if ag.key not in before or (ag.key, ini.key) in together:
                    continue
                t = f"{ag.type.value}>Initiative"
                f: dict[str, float] = {"article": 1, "xdoc": 1, f"xdoc|{t}": 1}
                f[f"xdoc_back={before[ag.key]}"] = 1
                f[f"xdoc_plural={plural.group(0).lower()}"] = 1
                f[f"xdoc_rank={_rank([a for a in agents if a.type == ag.type], ag.key)}|{t}"] = 1
                for w in ("sign", "adopt", "lanc", "conclu", "approuv"):
                    if w in text.lower():
                        f[f"xdoc_verb={w}"] = 1
                out.append(PairCandidate(ag.key, ini.key, m.sentence, f, (P.SIGNS, P.LEADS)))
            together = together | {(a.key, ini.key) for a in agents if a.key in before}
    return out
