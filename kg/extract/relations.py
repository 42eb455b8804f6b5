"""Relations of the gold guide, from the entities of one article.

Rules read the sentence an entity is mentioned in: appositions and titles for
``holdsRole``; "lors de", "participé à" and speakers for ``participatesIn``; "organisé
par", "sous la présidence de" and a body named in an event's own name for ``organises``;
"à"/"en" and names ("Ambassade de France au Vietnam") for ``locatedIn``; the event an
article is about for ``partOf``; "X-Y" pairs, "entre X et Y" and "coopérer avec" for
``partnerOf``; the parties and signatories of agreements for ``signs``. Each relation
keeps the sentence that states it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.extract.context import AGENTS, Context, Hit
from kg.extract.event_rules import EventRules
from kg.extract.role_rules import RoleRules
from kg.model import Entity, EntityType, Predicate, Relation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon

P = Predicate
E = EntityType

COOPERATION = re.compile(
    r"\b(?:coopér\w*|collabor\w*|partenari\w*|partenaire\w*|relations|liens)\b", re.IGNORECASE
)
SIGNING = re.compile(r"\b(?:sign\w*|conclu\w*|paraph\w*)\b", re.IGNORECASE)
JOINT_PLAN = re.compile(
    r"(?i)(?:plan|programme|feuille de route|stratégie|vision|année|déclaration)\b"
)
LEADING = re.compile(
    r"\b(?:lanc\w*|adopt\w*|publi\w*|mis en œuvre|met en œuvre|élabor\w*|"
    r"présent\w*|annonc\w*|approuv\w*|propos\w*|prolong\w*|dirig\w*|pilot\w*|initi\w*)",
    re.IGNORECASE,
)


class Relations(RoleRules, EventRules):
    """The rules of every predicate over one article's entities."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.out: dict[tuple[str, P, str], Relation] = {}

    def add(
        self,
        s: str,
        p: P,
        o: str,
        sentence: int,
        extractor: str,
        role: str | None = None,
        confidence: float = 0.8,
    ) -> None:
        if s == o:
            return
        if p == P.PARTNER_OF and o < s:
            s, o = o, s
        key = (s, p, o)
        if key not in self.out:
            self.out[key] = Relation(s, p, o, sentence, extractor, role, confidence)

    def has(self, s: str, p: P, o: str) -> bool:
        if p == P.PARTNER_OF and o < s:
            s, o = o, s
        return (s, p, o) in self.out

    # ------------------------------------------------------------------ places
    def places(self) -> None:
        """Known places lie in their country; bodies named after a place sit there."""
        ctx = self.ctx
        for e in ctx.entities:
            if e.type == E.PLACE:
                country = ctx.country_of_place(e)
                if country:
                    self.add(
                        e.key,
                        P.LOCATED_IN,
                        country,
                        e.mentions[0].sentence,
                        "rule:gazetteer",
                        None,
                        0.6,
                    )
        for idx in ctx.by_sentence:
            for org in ctx.hits(idx, E.ORGANISATION):
                inner = [
                    h
                    for h in ctx.hits(idx, E.PLACE, E.COUNTRY)
                    if ctx.inside(h.mention, org.mention)
                ]
                if not inner:
                    continue
                at = [
                    h
                    for h in inner
                    if ctx.tokens_before(h.mention, 1)[-1:] in (["au"], ["en"], ["à"], ["aux"])
                ]
                of = [
                    h
                    for h in inner
                    if ctx.tokens_before(h.mention, 1)[-1:] in (["de"], ["du"], ["d'"])
                ]
                target = (at or of or [None])[0]
                if target is not None:
                    self.add(org.key, P.LOCATED_IN, target.key, idx, "rule:org-name", None, 0.6)
            # "l'Institut … (ministère de la Construction)": a body of a ministry
            for org in ctx.hits(idx, E.ORGANISATION):
                if ctx.nested_in_any(org.mention, idx):
                    continue  # the parentheses belong to the longer name
                after = ctx.doc.text[org.mention.end : org.mention.end + 3]
                if not after.lstrip().startswith("("):
                    continue
                for h in ctx.hits(idx, E.ORGANISATION):
                    gap = ctx.doc.text[org.mention.end : h.mention.start].strip()
                    closes = ctx.doc.text[h.mention.end : h.mention.end + 2].strip().startswith(")")
                    if gap == "(" and closes and h.key != org.key and not h.entity.gazetteer_id:
                        self.add(org.key, P.PART_OF, h.key, idx, "rule:parenthesis", None, 0.6)

    # ------------------------------------------------------------- initiatives
    def initiatives(self) -> None:
        ctx = self.ctx
        for idx in ctx.by_sentence:
            sent = ctx.sentences[idx].text
            hits = ctx.hits(idx)
            for ini in (h for h in hits if h.type == E.INITIATIVE):
                kind_agreement = bool(
                    re.match(
                        r"(?i)(?:l['’]\s*)?(?:accord|protocole|mémorandum|memorandum|lettre "
                        r"d['’]intention|traité|convention|mou)\b",
                        ini.mention.text,
                    )
                ) or bool(re.search(r"(?i)\b(?:accord|protocole|mémorandum)\b", ini.entity.name))
                nested = [
                    h
                    for h in hits
                    if h.type in (E.COUNTRY, E.ORGANISATION, E.PLACE)
                    and ctx.inside(h.mention, ini.mention)
                    and not any(
                        ctx.inside(h.mention, o.mention)
                        for o in hits
                        if o.type == E.ORGANISATION
                        and o is not h
                        and ctx.inside(o.mention, ini.mention)
                    )
                ]
                if kind_agreement:
                    parties = self._parties(ini, nested)
                    for p in parties:
                        self.add(p, P.SIGNS, ini.key, idx, "rule:agreement-party", None, 0.7)
                    agents = [x for x in parties if ctx.entity(x).type != E.PLACE]
                    for a, b in _pairs(agents):
                        self.add(a, P.PARTNER_OF, b, idx, "rule:agreement-party", None, 0.6)
                else:
                    # "Plan d'action ASEAN - Inde", "résolution 57 du Bureau politique",
                    # "recommandations de l'UNESCO"
                    for h in nested:
                        if h.type == E.PLACE:
                            continue
                        if self._genitive(h) or (
                            h.mention.extractor == "gazetteer:adjective"
                            and re.search(r"(?i)\b(?:déclaration|dirigeants)\b", ini.mention.text)
                        ):
                            self.add(
                                h.key, P.LEADS, ini.key, idx, "rule:initiative-name", None, 0.6
                            )
                    # "Plan d'action ASEAN - Inde", "Année des échanges … ASEAN-Chine": a
                    # plan or a year named after two parties is adopted by both of them
                    if JOINT_PLAN.match(ini.mention.text):
                        text = ctx.doc.text
                        agents = [h for h in nested if h.type in (E.COUNTRY, E.ORGANISATION)]
                        for a, b in itertools.pairwise(agents):
                            if re.fullmatch(
                                r"\s*[-–—]{1,2}\s*", text[a.mention.end : b.mention.start]
                            ):
                                for x in (a, b):
                                    self.add(
                                        x.key, P.LEADS, ini.key, idx, "rule:joint-plan", None, 0.5
                                    )
                # "le gouvernement australien aide … grâce à son programme Aus4Innovation"
                if ctx.tokens_before(ini.mention, 1)[-1:] in (["son"], ["sa"], ["leur"]):
                    owners = [
                        h
                        for h in hits
                        if h.type in (E.COUNTRY, E.ORGANISATION)
                        and h.mention.end <= ini.mention.start
                        and not ctx.nested_in_any(h.mention, idx)
                    ]
                    if owners:
                        self.add(owners[0].key, P.LEADS, ini.key, idx, "rule:possessive", None, 0.5)
                # "X a lancé/adopté/publié I", "I … signé par A et B"
                for h in hits:
                    if h.type not in AGENTS or ctx.inside(h.mention, ini.mention):
                        continue
                    if ctx.nested_in_any(h.mention, idx):
                        continue
                    between = ctx.doc.text[
                        min(h.mention.end, ini.mention.end) : max(
                            h.mention.start, ini.mention.start
                        )
                    ]
                    if kind_agreement and SIGNING.search(sent) and len(between) < 200:
                        if re.search(r"(?i)\bpar\b", between) or (
                            h.mention.start < ini.mention.start and SIGNING.search(between)
                        ):
                            self.add(h.key, P.SIGNS, ini.key, idx, "rule:signed", None, 0.7)
                            for aff in ctx.affiliations.get(h.key, []):
                                if ctx.entity(aff).type == E.COUNTRY:
                                    self.add(aff, P.SIGNS, ini.key, idx, "rule:signed", None, 0.6)
                    elif (
                        h.mention.start < ini.mention.start
                        and LEADING.search(between)
                        and len(between) < 80
                        and h.type != E.PERSON
                    ):
                        self.add(h.key, P.LEADS, ini.key, idx, "rule:launch", None, 0.6)

    def _genitive(self, h: Hit) -> bool:
        """ "résolution 57 du Bureau politique": the body an initiative is "of". (Pairs in
        a name, "Centre ASEAN - Chine", say who it is about, not who leads it.)"""
        before = self.ctx.tokens_before(h.mention, 1)
        return bool(before) and before[-1] in ("de", "du", "d'", "l'")

    def _parties(self, ini: Hit, nested: list[Hit]) -> list[str]:
        """Parties named by "entre X et Y" inside an agreement's name."""
        text = ini.mention.text
        m = re.search(r"\bentre\b", text)
        if not m:
            return []
        offset = ini.mention.start + m.end()
        return [h.key for h in nested if h.mention.start >= offset]

    # ---------------------------------------------------------------- partners
    def partners(self) -> None:
        ctx = self.ctx
        text = ctx.doc.text
        for idx in ctx.by_sentence:
            agents = [h for h in ctx.hits(idx, E.COUNTRY, E.ORGANISATION)]
            sent = ctx.sentences[idx].text
            # "ASEAN - Chine", "Vietnam-Australie", "Chine-ASEAN"
            for a, b in itertools.pairwise(agents):
                gap = text[a.mention.end : b.mention.start]
                if re.fullmatch(r"\s*[-–—]{1,2}\s*", gap) and a.key != b.key:
                    self.add(a.key, P.PARTNER_OF, b.key, idx, "rule:pair", None, 0.7)
            # "entre X et Y", "X et Y ont convenu/signé", "coopérer avec Y"
            if (
                not COOPERATION.search(sent)
                and not SIGNING.search(sent)
                and not re.search(r"(?i)\b(?:convenu|deux (?:pays|parties)|ont|unis)\b", sent)
            ):
                continue
            top = [h for h in agents if not ctx.nested_in_any(h.mention, idx)]
            joined = [
                bool(
                    re.fullmatch(
                        r"\s*(?:\([^()]{1,12}\)\s*)?(?:et|,)\s*(?:l['’]\s*|la |le |les |"
                        r"du |des |de la |de l['’]\s*)?",
                        text[a.mention.end : b.mention.start],
                        re.I,
                    )
                )
                for a, b in itertools.pairwise(top)
            ]
            for k, (a, b) in enumerate(itertools.pairwise(top)):
                gap = text[a.mention.end : b.mention.start]
                if (k > 0 and joined[k - 1]) or (k + 1 < len(joined) and joined[k + 1]):
                    continue  # "Chine, Japon, Corée et Inde": a list, not a partnership
                if (
                    not re.fullmatch(
                        r"\s*(?:\([^()]{1,12}\)\s*)?(?:et|,)\s*(?:l['’]\s*|la |le |les |du |des |"
                        r"de la |de l['’]\s*)?",
                        gap,
                        re.I,
                    )
                    or a.key == b.key
                    or a.type != b.type
                ):
                    continue
                before = text[ctx.sentences[idx].start : a.mention.start]
                after = text[b.mention.end : ctx.sentences[idx].end]
                joint = re.match(
                    r"(?i)\s*(?:\([^()]{1,12}\)\s*)?(?:[^.;:]{0,40}?\b)?(?:ont|sont|"
                    r"se sont|vont|s'engagent|conviennent|coopèrent|signent|unis)\b",
                    after,
                )
                between = re.search(r"(?i)\bentre\s+(?:l['’]\s*|la |le |les )?$", before)
                if joint or between:
                    self.add(a.key, P.PARTNER_OF, b.key, idx, "rule:coordination", None, 0.6)
            m = re.search(r"(?i)\b(?:coopér\w*|collabor\w*|partenariat\w*)\b[^.;]*?\bavec\b", sent)
            if m:
                subj = [h for h in top if h.mention.start < ctx.sentences[idx].start + m.start()]
                obj = [h for h in top if h.mention.start > ctx.sentences[idx].start + m.end()]
                if subj and obj:
                    self.add(subj[-1].key, P.PARTNER_OF, obj[0].key, idx, "rule:with", None, 0.6)

    # ----------------------------------------------------------------- members
    def members(self) -> None:
        ctx = self.ctx
        for idx in ctx.by_sentence:
            sent = ctx.sentences[idx].text
            m = re.search(r"(?i)\bmembres?\b[^.;]{0,80}?\b(?:de l['’]|du |des |de la )", sent)
            if not m:
                continue
            cut = ctx.sentences[idx].start + m.start()
            text = ctx.doc.text
            countries = [
                h
                for h in ctx.hits(idx, E.COUNTRY)
                if h.mention.start < cut
                and cut - h.mention.end < 60
                and not re.search(r",|\bet\b", text[h.mention.end : cut])
            ]
            orgs = [h for h in ctx.hits(idx, E.ORGANISATION) if h.mention.start > cut]
            if countries and orgs:
                self.add(countries[-1].key, P.MEMBER_OF, orgs[0].key, idx, "rule:member", None, 0.6)


def _pairs(keys: list[str]) -> Iterable[tuple[str, str]]:
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            yield a, b


def find_relations(
    doc: Doc,
    sentences: tuple[Sentence, ...],
    entities: tuple[Entity, ...],
    lexicon: Lexicon,
    ctx: Context | None = None,
) -> tuple[Relation, ...]:
    """Every relation the rules find in one article, each with its evidence sentence."""
    ctx = ctx or Context.build(doc, sentences, entities, lexicon)
    r = Relations(ctx)
    r.roles()
    r.places()
    r.events()
    r.initiatives()
    r.partners()
    r.members()
    return tuple(r.out.values())
