"""Who commits: the actor of a commitment cue, read from the sentence and those before it.

In order: the country or organisation that is the subject of the cue ("La Chine
continuera de…", "Séoul et Phnom Penh ont signé…"), the body whose will is stated ("la
volonté du Vietnam de…"), a back-reference ("la province", "les deux parties"), else the
country or organisation of the person who speaks. A mixin of
:class:`kg.extract.commitments.Commitments`.
"""

from __future__ import annotations

import re

from kg.extract.candidates import TITLE_WORDS
from kg.extract.context import Hit
from kg.model import Entity, EntityType, Predicate

E = EntityType
PLURAL_BACK = re.compile(
    r"\b(?:les deux (?:parties|pays|côtés|nations|États|gouvernements|partenaires|"
    r"délégations|dirigeants|ministres)|elles|ils)\b",
    re.I,
)


class ActorRules:
    """Actors of cues (needs ``ctx``, ``relations``, ``roles``, ``pair`` and ``pair_at`` of
    :class:`Commitments`)."""

    # ----------------------------------------------------------------- helpers
    def _affiliation(self, person: str) -> str | None:
        affs = self.ctx.affiliations.get(person, [])
        countries = [a for a in affs if self.ctx.entity(a).type == E.COUNTRY]
        return (countries or affs or [None])[0]

    def _actor_of(self, h: Hit) -> str:
        """A person acts for their country or organisation; a capital for its country."""
        if h.type == E.PERSON:
            return self._affiliation(h.key) or h.key
        if h.type == E.PLACE:
            country = self._capital_of(h.entity)
            if country:
                return country
        return h.key

    def _capital_of(self, place: Entity) -> str | None:
        for c in self.ctx.lexicon.countries:
            if any(place.name == cap or cap in place.aliases for cap in c.capitals):
                return next(
                    (e.key for e in self.ctx.entities if e.gazetteer_id == f"country/{c.iso}"), None
                )
        return None

    def _top_hits(self, idx: int) -> list[Hit]:
        ctx = self.ctx
        return [h for h in ctx.hits(idx) if not ctx.nested_in_any(h.mention, idx)]

    def _title_back_reference(self, text: str) -> str | None:
        """ "Le Secrétaire général a également insisté…": the person holding that post."""
        m = re.match(r"^\s*(?:le|la|l['’])\s*((?:[\w-]+\s+){0,2}[\w-]+)", text, re.I)
        if not m:
            return None
        words = m.group(1).lower().split()
        if not words or (words[0] not in TITLE_WORDS and words[0] not in ("premier", "première")):
            return None
        head = words[0] if words[0] in TITLE_WORDS else " ".join(words[:2])
        for person, roles in self.roles.items():
            if any(role.split()[0] == head or role.startswith(head) for role in roles if role):
                return person
        return None

    # ------------------------------------------------------------------ actors
    def _subject_actors(self, idx: int, cue_at: int) -> list[str]:
        """The agents right before the cue, with those coordinated with them."""
        ctx = self.ctx
        sent = ctx.sentences[idx]
        text = ctx.doc.text
        clause_start = sent.start
        for m in re.finditer(r"\b(?:que|qu['’])|[:;“«]", text[sent.start : cue_at]):
            clause_start = sent.start + m.end()
        before = [
            h
            for h in self._top_hits(idx)
            if clause_start <= h.mention.start
            and h.mention.end <= cue_at
            and h.type in (E.COUNTRY, E.ORGANISATION, E.PERSON, E.PLACE)
            and not self._descriptive(h)
        ]
        if not before:
            return []
        chain = [before[-1]]
        for h in reversed(before[:-1]):
            gap = text[h.mention.end : chain[0].mention.start]
            if re.fullmatch(
                r"\s*(?:\([^()]{1,12}\)\s*)?(?:et|,)\s*(?:l['’]\s*|la |le |les |"
                r"du |des |de la |de l['’]\s*|d['’]\s*)?",
                gap,
                re.I,
            ):
                chain.insert(0, h)
            else:
                break
        if (
            chain[-1].type == E.PLACE
            and not self._capital_of(chain[-1].entity)
            and len(text[chain[-1].mention.end : cue_at].split()) > 1
        ):
            return []  # a place acts only as the subject itself ("Ninh Binh s'efforce…")
        return [self._actor_of(h) for h in chain]

    def _descriptive(self, h: Hit) -> bool:
        """ "les entreprises vietnamiennes": a nationality describing a noun is not the
        country acting (unlike "le ministre vietnamien")."""
        if h.mention.extractor != "gazetteer:adjective":
            return False
        before = self.ctx.tokens_before(h.mention, 2)
        return not any(w in TITLE_WORDS or w in ("gouvernement", "gouvernements") for w in before)

    def _parties_after(self, idx: int, cue_at: int) -> list[str]:
        """ "… ont été conclus entre des entreprises vietnamiennes et le parc de X"."""
        ctx = self.ctx
        sent = ctx.sentences[idx]
        m = re.compile(r"(?i)\bentre\b").search(ctx.doc.text, cue_at, sent.end)
        if not m:
            return []
        return [
            self._actor_of(h)
            for h in self._top_hits(idx)
            if h.mention.start > m.end()
            and h.type in (E.COUNTRY, E.ORGANISATION)
            and not self._descriptive(h)
        ]

    def _grammatical_subject(self, idx: int, cue_at: int) -> list[str]:
        """The agents inside the grammatical subject of the cue's verb. A participle
        ("…, s'engageant à …") and an infinitive take the subject of the verb they depend
        on; a coordinated subject gives every agent in it."""
        ctx = self.ctx
        doc = ctx.doc
        sent = ctx.sentences[idx]
        verb = next(
            (t for t in doc if cue_at <= t.idx < sent.end and t.pos_ in ("VERB", "AUX")), None
        )
        if verb is None:
            return []
        subjects: list = []
        for _ in range(5):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subjects or verb.head is verb or verb.dep_ in ("ROOT",):
                break
            verb = verb.head
        if not subjects and "Part" in verb.morph.get("VerbForm"):
            # "… ont discuté de …, s'engageant à …": the participle shares the subject of
            # the verb before it
            before = [
                t
                for t in doc[verb.sent.start : verb.i]
                if any(c.dep_ in ("nsubj", "nsubj:pass") for c in t.children)
            ]
            if before:
                subjects = [c for c in before[-1].children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not subjects or subjects[0].lower_ in (
            "qui",
            "que",
            "il",
            "elle",
            "ils",
            "elles",
            "on",
            "nous",
            "cela",
            "ce",
        ):
            return []
        lo = min(t.idx for s_ in subjects for t in s_.subtree)
        hi = max(t.idx + len(t.text) for s_ in subjects for t in s_.subtree)
        hits = [
            h
            for h in self._top_hits(idx)
            if lo <= h.mention.start
            and h.mention.end <= hi
            and h.type in (E.COUNTRY, E.ORGANISATION, E.PERSON)
            and not self._descriptive(h)
        ]
        people = [h for h in hits if h.type == E.PERSON]
        chosen = people or hits
        return list(dict.fromkeys(self._actor_of(h) for h in chosen))

    def _will_of(self, idx: int, cue_at: int) -> list[str]:
        """ "réaffirmé la volonté du Vietnam de…": the body whose will it is."""
        ctx = self.ctx
        text = ctx.doc.text
        m = re.compile(
            r"(?i)\b(?:volonté|détermination|disposition)\s+(?:de la|de l['’]|du|des|"
            r"de)\s*"
        ).search(text, cue_at, ctx.sentences[idx].end)
        if not m:
            return []
        for h in self._top_hits(idx):
            if h.mention.start == m.end() and h.type in (E.COUNTRY, E.ORGANISATION):
                return [h.key]
        return []

    def _back_reference(self, idx: int, cue_at: int) -> list[str]:
        ctx = self.ctx
        text = ctx.doc.text
        head = text[ctx.sentences[idx].start : cue_at]
        if PLURAL_BACK.search(head) and len(self.pair) >= 2 and idx - self.pair_at <= 6:
            return list(self.pair[-2:])
        m = re.search(r"(?i)\b(?:la|cette) (?:province|ville|région|municipalité)\b", head)
        if m:
            places = [
                e
                for e in ctx.entities
                if e.type == E.PLACE and any(x.start < ctx.sentences[idx].start for x in e.mentions)
            ]
            if places:
                last = max(
                    places,
                    key=lambda e: max(
                        x.start for x in e.mentions if x.start < ctx.sentences[idx].start
                    ),
                )
                return [last.key]
        if (
            re.search(r"(?i)\bles (?:participants|délégués|délégations|dirigeants)\b", head)
            and self.event
        ):
            return [
                r.subject
                for r in self.relations
                if r.predicate == Predicate.PARTICIPATES_IN
                and r.object == self.event
                and ctx.entity(r.subject).type in (E.COUNTRY, E.ORGANISATION)
            ]
        m = re.search(
            r"(?i)\b(?:le|ce|cette|la) (rapport|programme|plan|projet|stratégie|"
            r"initiative|fonds)\b",
            head,
        )
        if m:
            leaders = self._leaders_of_recent(idx, m.group(1).lower())
            if leaders:
                return leaders
        if re.search(r"(?i)\bla (?:réunion|conférence|rencontre) a\b", head) and self.event:
            return [
                r.subject
                for r in self.relations
                if r.predicate == Predicate.ORGANISES
                and r.object == self.event
                and ctx.entity(r.subject).type in (E.COUNTRY, E.ORGANISATION)
            ][:1]
        return []

    def _leaders_of_recent(self, idx: int, word: str) -> list[str]:
        """Who leads the initiative of that kind mentioned last ("ce programme")."""
        ctx = self.ctx
        start = ctx.sentences[idx].start
        found = [
            e
            for e in ctx.entities
            if e.type == E.INITIATIVE
            and any(m.start < ctx.sentences[idx].end for m in e.mentions)
            and any(word in n.lower() for n in (*e.names, *[m.text for m in e.mentions]))
        ]
        if not found:
            return []
        last = max(
            found,
            key=lambda e: max(m.start for m in e.mentions if m.start < ctx.sentences[idx].end),
        )
        del start
        return [
            r.subject
            for r in self.relations
            if r.predicate == Predicate.LEADS
            and r.object == last.key
            and ctx.entity(r.subject).type in (E.COUNTRY, E.ORGANISATION)
        ]
