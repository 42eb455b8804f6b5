"""Rules for ``participatesIn``, ``organises`` and ``partOf``: who was at which event.

"lors de", "a participé à", a speaker's "a déclaré" near an event, "organisé par",
"sous la présidence de", a body named in an event's own name ("Forum de l'ASEAN"), and
sessions of the event an article is about. A mixin of
:class:`kg.extract.relations.Relations`.
"""

from __future__ import annotations

import itertools
import re

from kg.extract.candidates import TITLE_WORDS
from kg.extract.context import AGENTS, Hit
from kg.model import EntityType, Predicate

P = Predicate
E = EntityType
PARTICIPATION = re.compile(
    r"\b(?:particip\w*|assist\w*|présence|prendre part|pris part|pren\w* la parole|"
    r"s'exprimant|discours|allocution|intervention|a déclaré|a souligné|a affirmé|"
    r"a réaffirmé|a appelé|a présenté|a exprimé|a évoqué|réuni\w*|rassembl\w*|"
    r"accompagn\w*|en marge|lors d|à l'occasion d|dans le cadre d|délégué|délégation|"
    r"selon|estime|a indiqué|a précisé|a noté|a rappelé|a ajouté|a salué)",
    re.IGNORECASE,
)
ORGANISING = re.compile(
    r"\b(?:organisé\w* par|sous la présidence d|présidé\w* par|sous l'égide d|"
    r"accueilli\w* par|co-?organisé\w* par|à l'initiative d|hôte)",
    re.IGNORECASE,
)
ORGANISER_SUBJECT = re.compile(
    r"\b(?:a organisé|ont organisé|organise|a accueilli|accueille|a présidé|préside)\b",
    re.IGNORECASE,
)
CONTAINER_KINDS = frozenset(
    {"forum", "conference", "summit", "week", "visit", "festival", "exhibition", "day"}
)


class EventRules:
    """Participation and organisation (needs ``ctx``, ``add`` and ``has`` of
    :class:`Relations`)."""

    # ----------------------------------------------------------------- events
    def events(self) -> None:
        ctx = self.ctx
        events = [e for e in ctx.entities if e.type == E.EVENT]
        if not events:
            return
        current: str | None = None
        for idx in sorted(ctx.by_sentence):
            sent = ctx.sentences[idx].text
            hits = ctx.hits(idx)
            ev_hits = [h for h in hits if h.type == E.EVENT]
            if ev_hits:
                current = ev_hits[-1].key
            for ev in ev_hits:
                self._event_sentence(ev, hits, idx, sent)
            # a person speaking with no event named speaks at the event in context
            if not ev_hits and current and PARTICIPATION.search(sent):
                for h in hits:
                    if h.type == E.PERSON and not ctx.nested_in_any(h.mention, idx):
                        self.add(h.key, P.PARTICIPATES_IN, current, idx, "rule:context", None, 0.5)
            # "La ville de Nanning … en accueillant la Conférence …"
            for ev in ev_hits:
                for h in ctx.hits(idx, E.PLACE):
                    between = ctx.doc.text[h.mention.end : ev.mention.start]
                    if (
                        re.search(r"(?i)\b(?:accueill\w*|a reçu|abrit\w*)\b", between)
                        and len(between) < 200
                        and not ctx.inside(h.mention, ev.mention)
                    ):
                        self.add(ev.key, P.LOCATED_IN, h.key, idx, "rule:host", None, 0.6)
            # "l'édition de cette année a réuni … comme Tencent, iFLYTEK, Baidu"
            if not ev_hits and current and PARTICIPATION.search(sent):
                for h in hits:
                    if (
                        h.type in AGENTS
                        and h.type != E.PERSON
                        and not (
                            ctx.nested_in_any(h.mention, idx)
                            or self._in_title(h, idx)
                            or ctx.is_locative(h.mention)
                        )
                        and self._listed_participant(h, idx)
                    ):
                        self.add(h.key, P.PARTICIPATES_IN, current, idx, "rule:context", None, 0.5)
            # "L'événement a été organisé par …": the event in context
            if not ev_hits and current and ORGANISING.search(sent):
                for h in hits:
                    if (
                        h.type in AGENTS
                        and self._right_after_cue(h, ORGANISING, idx)
                        and not (ctx.nested_in_any(h.mention, idx) or self._in_title(h, idx))
                    ):
                        self.add(h.key, P.ORGANISES, current, idx, "rule:organised-by", None, 0.6)
            # "Les dirigeants de ces entreprises … ont participé au Sommet"
            if (
                ev_hits
                and re.search(r"(?i)\bces (?:entreprises|sociétés|groupes|compagnies)\b", sent)
                and idx - 1 in ctx.by_sentence
            ):
                for h in ctx.hits(idx - 1, E.ORGANISATION):
                    if not ctx.nested_in_any(h.mention, idx - 1):
                        self.add(
                            h.key,
                            P.PARTICIPATES_IN,
                            ev_hits[0].key,
                            idx,
                            "rule:these-companies",
                            None,
                            0.5,
                        )
        self._umbrella()
        self._propagate()

    def _named_place(self, ev: Hit, hits: list[Hit]) -> bool:
        """An event whose name says where it is ("visite d'État à Singapour") takes no
        other place from its sentence: those are where the visitor came from or went next."""
        ctx = self.ctx
        for h in hits:
            if h.type in (E.PLACE, E.COUNTRY) and ctx.inside(h.mention, ev.mention):
                before = ctx.tokens_before(h.mention, 2)
                if before and before[-1] in ("à", "au", "en", "aux"):
                    return True
        return False

    def _event_sentence(self, ev: Hit, hits: list[Hit], idx: int, sent: str) -> None:
        ctx = self.ctx
        for h in hits:
            if h.key == ev.key:
                continue
            nested = ctx.inside(h.mention, ev.mention)
            if nested:
                # a body named in the event's own name: "Dialogue … du WEF",
                # "conférence ministérielle … de l'ASEAN"; a place: "visite … à Singapour"
                before = ctx.tokens_before(h.mention, 2)
                if h.type in (E.PLACE, E.COUNTRY) and before and before[-1] in ("à", "au", "en"):
                    self.add(ev.key, P.LOCATED_IN, h.key, idx, "rule:event-name", None, 0.7)
                elif h.type == E.ORGANISATION and before and before[-1] in ("de", "du", "l'", "d'"):
                    # "5e réunion des ministres du numérique de l'ASEAN", "Sommet de l'ASEAN
                    # sur l'IA": a body's own meetings
                    own = ev.entity.event_kind in ("meeting", "summit", "conference") and (
                        "minist" in ev.mention.text.lower()
                        or ctx.doc.text[ev.mention.start : h.mention.start].count(" ") <= 2
                    )
                    if own or (
                        ev.entity.event_kind == "dialogue"
                        and ctx.doc.text[h.mention.end : ev.mention.end].strip() == ""
                    ):
                        self.add(h.key, P.ORGANISES, ev.key, idx, "rule:event-name", None, 0.5)
                continue
            if ctx.nested_in_any(h.mention, idx):
                continue
            if h.type in (E.PLACE, E.COUNTRY) and ctx.is_locative(h.mention):
                between = ctx.doc.text[h.mention.end : ev.mention.start]
                other_clause = h.mention.end <= ev.mention.start and re.search(
                    r"(?i)\b(?:que|qu['’]|qui|lorsque|dont|où)\b", between
                )
                if (
                    self._nearest_event(h, idx) == ev.key
                    and not self._in_title(h, idx)
                    and not other_clause
                    and not self._named_place(ev, hits)
                ):
                    self.add(ev.key, P.LOCATED_IN, h.key, idx, "rule:locative", None, 0.7)
                continue
            if h.type == E.EVENT:
                continue
            if h.type not in AGENTS or self._in_title(h, idx):
                continue
            window = sent
            if ORGANISING.search(window) and self._right_after_cue(h, ORGANISING, idx):
                self.add(h.key, P.ORGANISES, ev.key, idx, "rule:organised-by", None, 0.7)
                if h.type == E.PERSON:
                    self.add(h.key, P.PARTICIPATES_IN, ev.key, idx, "rule:organised-by", None, 0.5)
                continue
            if ORGANISER_SUBJECT.search(window) and h.mention.start < ev.mention.start:
                self.add(h.key, P.ORGANISES, ev.key, idx, "rule:organiser", None, 0.6)
                continue
            if h.type == E.PERSON:
                self.add(h.key, P.PARTICIPATES_IN, ev.key, idx, "rule:participant", None, 0.6)
            elif not ctx.is_locative(h.mention) and self._listed_participant(h, idx):
                self.add(h.key, P.PARTICIPATES_IN, ev.key, idx, "rule:participant", None, 0.5)
        # "Forum … sur les relations ASEAN - Chine", "journée … Vietnam-Australie"
        inner = [
            h
            for h in hits
            if h.type in (E.COUNTRY, E.ORGANISATION) and ctx.inside(h.mention, ev.mention)
        ]
        text = ctx.doc.text
        for a, b in itertools.pairwise(inner):
            if "«" in text[ev.mention.start : a.mention.start]:
                continue
            if re.fullmatch(r"\s*[-–—]{1,2}\s*", text[a.mention.end : b.mention.start]):
                for x in (a, b):
                    self.add(x.key, P.PARTICIPATES_IN, ev.key, idx, "rule:event-pair", None, 0.5)

    def _nearest_event(self, h: Hit, idx: int) -> str | None:
        events = self.ctx.hits(idx, E.EVENT)
        if not events:
            return None
        return min(
            events,
            key=lambda e: min(
                abs(e.mention.end - h.mention.start), abs(h.mention.end - e.mention.start)
            ),
        ).key

    def _in_title(self, h: Hit, idx: int) -> bool:
        """Part of a person's title ("vice-premier ministre … de Thaïlande") or of a
        membership ("pays membres de l'ASEAN"): the body is not itself taking part."""
        ctx = self.ctx
        before = ctx.tokens_before(h.mention, 4)
        if any(w in ("membres", "membre") for w in before):
            return True
        span = ctx.span(h.mention.start, h.mention.end)
        if span is None or h.type == E.PERSON:
            return False
        doc = ctx.doc
        k = span.start - 1
        while k >= doc[span.start].sent.start and span.start - k <= 10:
            t = doc[k]
            if t.lower_ in TITLE_WORDS or t.lower_ in ctx.lexicon.roles:
                return True
            if t.text in (",", ";", ".") or t.pos_ in ("VERB", "AUX"):
                return False
            k -= 1
        return False

    def _listed_participant(self, h: Hit, idx: int) -> bool:
        """A country or body shown taking part: listed after "dont", "comme",
        "participation de", "présence de", "représentants de", or the subject of
        "participer"."""
        ctx = self.ctx
        sent = ctx.sentences[idx]
        before = ctx.doc.text[sent.start : h.mention.start]
        cues = list(
            re.finditer(
                r"(?i)\b(?:dont|comme|notamment|y compris|tel(?:le)?s? que|"
                r"participation d\w*|présence d\w*|"
                r"représentants? d\w*|délégations? d\w*|dirigeants? d\w*|ministres? d\w*)"
                r"|\s[-–]\s|:\s",  # "… pays de dialogue - Chine, Japon, Inde"
                before,
            )
        )
        if cues:
            m = cues[-1]
            rest = before[m.end() :]
            for o in ctx.hits(idx):  # other names listed before this one
                rest = rest.replace(o.mention.text, " ")
            words = re.findall(r"[^\W\d]{3,}", rest)
            if len(words) <= 3 and not re.search(r"[.;:]", rest):
                return True
        after = ctx.doc.text[h.mention.end : sent.end]
        return bool(
            re.match(r"(?i)[^.;:]{0,80}?\b(?:a|ont) (?:participé|pris part|assisté)", after)
        )

    def _right_after_cue(self, h: Hit, cue: re.Pattern[str], idx: int) -> bool:
        """The agents named just after the cue ("organisé par le Vietnam, en présence des
        Nations unies" is organised by the Vietnam, not by the UN)."""
        ctx = self.ctx
        sent = ctx.sentences[idx]
        m = cue.search(sent.text)
        if not m or h.mention.start < sent.start + m.end():
            return False
        start = sent.start + m.end()
        between = ctx.doc.text[start : h.mention.start]
        for o in sorted(ctx.hits(idx), key=lambda x: -x.mention.start):
            if start <= o.mention.start and o.mention.end <= h.mention.start:
                between = (
                    between[: o.mention.start - start] + " " + between[o.mention.end - start :]
                )
        if re.search(
            r"(?i)\b(?:en présence|avec|lors|dans|pour|afin|à l['’]occasion|qui|"
            r"sur|depuis)\b",
            between,
        ):
            return False
        return len(re.findall(r"[^\W\d]{3,}", between)) <= 4

    def _after_cue(self, h: Hit, cue: re.Pattern[str], idx: int) -> bool:
        sent = self.ctx.sentences[idx]
        m = cue.search(sent.text)
        return bool(m) and h.mention.start >= sent.start + m.start()

    def _umbrella(self) -> None:
        """Sessions, round tables and side events of the event an article is about."""
        ctx = self.ctx
        events = [e for e in ctx.entities if e.type == E.EVENT]
        if len(events) < 2:
            return
        ranked = sorted(events, key=lambda e: (-len(e.mentions), e.mentions[0].start))
        top = ranked[0]
        if top.event_kind not in CONTAINER_KINDS or len(top.mentions) < 2:
            return
        first = top.mentions[0].start
        for e in events:
            if e is top or e.event_kind == "talks" or e.mentions[0].start < first:
                continue
            if any(
                r.subject == e.key and r.predicate == P.LOCATED_IN
                for r in self.out.values()
                if ctx.entity(r.object).type in (E.PLACE, E.COUNTRY)
            ) and not any(
                r.subject == top.key and r.predicate == P.LOCATED_IN for r in self.out.values()
            ):
                continue
            self.add(e.key, P.PART_OF, top.key, e.mentions[0].sentence, "rule:umbrella", None, 0.5)

    def _propagate(self) -> None:
        """Who takes part in a session takes part in the forum; a minister's country
        takes part where the minister does; an event in a city is in its country."""
        ctx = self.ctx
        rels = list(self.out.values())
        parent = {r.subject: r.object for r in rels if r.predicate == P.PART_OF}
        for r in rels:
            if r.predicate == P.PARTICIPATES_IN:
                for aff in ctx.affiliations.get(r.subject, []):
                    if ctx.entity(aff).type == E.COUNTRY or len(ctx.affiliations[r.subject]) == 1:
                        self.add(
                            aff,
                            P.PARTICIPATES_IN,
                            r.object,
                            r.sentence,
                            "rule:affiliation",
                            None,
                            0.5,
                        )
        for r in list(self.out.values()):
            if r.predicate == P.PARTICIPATES_IN and r.object in parent:
                self.add(
                    r.subject,
                    P.PARTICIPATES_IN,
                    parent[r.object],
                    r.sentence,
                    "rule:part-of",
                    None,
                    0.5,
                )
        for r in list(self.out.values()):
            if r.predicate == P.LOCATED_IN:
                target = ctx.entity(r.object)
                if target.type == E.PLACE:
                    country = ctx.country_of_place(target)
                    if country:
                        self.add(
                            r.subject,
                            P.LOCATED_IN,
                            country,
                            r.sentence,
                            "rule:gazetteer",
                            None,
                            0.6,
                        )
