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

from kg.extract.candidates import TITLE_WORDS
from kg.extract.context import AGENTS, Context, Hit
from kg.extract.text import loose_key, normalise
from kg.model import Entity, EntityType, Predicate, Relation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon

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
CONTAINER_KINDS = frozenset(
    {"forum", "conference", "summit", "week", "visit", "festival", "exhibition", "day"}
)
STATE_TITLES = (
    "président",
    "premier ministre",
    "ministre",
    "vice-ministre",
    "vice-premier ministre",
    "secrétaire général",
    "roi",
    "reine",
    "chef de l'état",
    "chef du gouvernement",
    "ambassadeur",
    "ambassadrice",
    "vice-président",
)


class Relations:
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

    # ------------------------------------------------------------------- roles
    def roles(self) -> None:
        ctx = self.ctx
        doc = ctx.doc
        pending: list[tuple[Hit, int, str]] = []
        for idx in ctx.by_sentence:
            for h in ctx.hits(idx, E.PERSON):
                span = ctx.span(h.mention.start, h.mention.end)
                if span is None:
                    continue
                # "X, coprésident de …, Y, secrétaire adjoint …": a title right after a name
                # is that person's; the one before it may belong to the previous name
                title = self._title_after(span.end) or self._title_before(span.start)
                if title is None:
                    continue
                t_start, t_end = title
                words = doc[t_start:t_end]
                objects = self._affiliations(words, idx)
                role = self._role_text(words, objects)
                if not any(ctx.entity(o).type == E.COUNTRY for o in objects):
                    pending.append((h, idx, role))
                for o in objects:
                    self.add(h.key, P.HOLDS_ROLE, o, idx, "rule:title", role, 0.7)
                    ctx.affiliations.setdefault(h.key, [])
                    if o not in ctx.affiliations[h.key]:
                        ctx.affiliations[h.key].append(o)
        # a head of state or minister whose country goes without saying: only when the
        # article names a single country
        named = self._countries_named()
        if len([e for e in ctx.entities if e.type == E.COUNTRY]) != 1:
            named = []  # other countries appear (if only as adjectives): do not guess
        for h, idx, role in pending:
            affs = ctx.affiliations.get(h.key, [])
            national = all("ministère" in ctx.entity(o).name.lower() for o in affs)
            if (
                len(named) == 1
                and national
                and any(role.lower().startswith(t) for t in STATE_TITLES)
            ):
                self.add(h.key, P.HOLDS_ROLE, named[0], idx, "rule:sole-country", role, 0.5)
                ctx.affiliations.setdefault(h.key, []).append(named[0])
        # coreference: "Le vice-ministre chinois …" said of the person holding that post
        for idx in ctx.by_sentence:
            for h in ctx.hits(idx, E.COUNTRY):
                before = ctx.tokens_before(h.mention, 3)
                if not any(w in TITLE_WORDS for w in before):
                    continue
                if ctx.span(h.mention.start, h.mention.end) is None:
                    continue
                person = self._last_person_with_title(idx, before)
                if person and not any(
                    ctx.entity(o).type == E.COUNTRY for o in ctx.affiliations.get(person, [])
                ):
                    role = " ".join(w for w in before if w not in ("le", "la", "l'"))
                    self.add(person, P.HOLDS_ROLE, h.key, idx, "rule:title-coreference", role, 0.6)
                    ctx.affiliations.setdefault(person, []).append(h.key)

    def _countries_named(self) -> list[str]:
        """Countries named (not only as an adjective) outside other names."""
        ctx = self.ctx
        out = []
        for idx in ctx.by_sentence:
            for h in ctx.hits(idx, E.COUNTRY):
                if h.mention.extractor == "gazetteer:adjective":
                    continue
                if ctx.nested_in_any(h.mention, idx):
                    continue
                if h.key not in out:
                    out.append(h.key)
        return out

    def _last_person_with_title(self, idx: int, title_words: list[str]) -> str | None:
        """The person last named before sentence ``idx`` whose post has the same title."""
        ctx = self.ctx
        heads = {w for w in title_words if w in TITLE_WORDS}
        for j in range(idx - 1, -1, -1):
            for h in reversed(ctx.hits(j, E.PERSON)):
                roles = [
                    r.role or ""
                    for r in self.out.values()
                    if r.subject == h.key and r.predicate == P.HOLDS_ROLE
                ]
                if any(heads & set(role.lower().split()) for role in roles):
                    return h.key
        return None

    def _title_before(self, start: int) -> tuple[int, int] | None:
        """ "le ministre sud-coréen des Affaires étrangères, Cho Tae-yul" or
        "le Premier ministre Pham Minh Chinh": the title phrase before a name."""
        doc = self.ctx.doc
        j = start - 1
        if j >= 0 and doc[j].text.rstrip(".") in {"M", "Mme", "Dr", "Pr", "Me"}:
            j -= 1
            if j >= 0 and doc[j].lower_ in ("le", "la"):
                j -= 1  # "…, le Dr Kao Kim Hourn"
        comma = j >= 0 and doc[j].text == ","
        if comma:
            j -= 1
        end = j + 1
        sent_start = doc[start].sent.start
        k = j
        begin = None
        while k >= sent_start and end - k <= 18:
            low = doc[k].lower_
            if low in TITLE_WORDS or low in self.ctx.lexicon.roles:
                begin = k  # keep going: "vice-ministre … et chef du bureau …, Sun Weidong"
                if (
                    k - 2 >= sent_start
                    and doc[k - 1].lower_ in ("son", "sa", "leur")
                    and doc[k - 2].lower_ == "et"
                ):
                    break  # "le Premier ministre X et son homologue lao Y": another person
            elif doc[k].text in (",", ";", ":", ".", "(", ")") or doc[k].pos_ in ("VERB", "AUX"):
                break
            elif not comma and doc[k].pos_ == "PROPN" and begin is None:
                return None
            k -= 1
        if begin is None:
            return None
        if begin - 1 >= sent_start and doc[begin - 1].lower_ in ("premier", "première"):
            begin -= 1
        return begin, end

    def _title_after(self, end: int) -> tuple[int, int] | None:
        """ "M. Pham Quang Ngoc, président du Comité populaire provincial de Ninh Binh," and
        "Yan Dong est vice-ministre chinois du Commerce"."""
        doc = self.ctx.doc
        if end >= len(doc) or (doc[end].text != "," and doc[end].lower_ not in ("est", "était")):
            return None
        k = end + 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k >= len(doc):
            return None
        low = doc[k].lower_
        if not (
            low in TITLE_WORDS or low in self.ctx.lexicon.roles or low in ("premier", "première")
        ):
            return None
        stop = k
        sent_end = doc[k].sent.end
        while (
            stop < sent_end
            and doc[stop].text not in (",", ";", ".", "(", ")")
            and doc[stop].pos_ not in ("VERB", "AUX")
        ):
            stop += 1
        return k, stop

    def _affiliations(self, words: object, idx: int) -> list[str]:
        """The country or organisation a title phrase names: its nationality adjective or
        the first body it is "of" ("de l'UNESCO", "du Comité populaire…")."""
        ctx = self.ctx
        start, end = words.start_char, words.end_char  # type: ignore[attr-defined]
        inside = [
            h
            for h in ctx.hits(idx)
            if start <= h.mention.start
            and h.mention.end <= end
            and h.type in (E.COUNTRY, E.ORGANISATION)
        ]
        inside = [
            h
            for h in inside
            if not any(o is not h and ctx.inside(h.mention, o.mention) for o in inside)
        ]
        out = [inside[0].key] if inside else []
        # "ministre des Sciences et des Technologies" holds a post in that ministry too
        text = words.text  # type: ignore[attr-defined]
        m = re.search(r"\bministre (d[eu']|des)\s*(.+)", text, re.IGNORECASE)
        if m:
            ministry = loose_key("ministère " + m.group(2))
            for e in ctx.entities:
                if e.type == E.ORGANISATION and any(
                    loose_key(n)[: len(ministry)] == ministry for n in e.names
                ):
                    out.append(e.key)
        return list(dict.fromkeys(out))

    def _role_text(self, words: object, objects: list[str]) -> str:
        """The title as written, less nationality adjectives and the body it is of."""
        ctx = self.ctx
        toks = list(words)  # type: ignore[call-overload]
        adjectives = {normalise(a) for c in ctx.lexicon.countries for a in c.adjectives}
        kept = [t for t in toks if normalise(t.text) not in adjectives]
        text = " ".join(t.text for t in kept)
        text = re.sub(r"\s+([,.])", r"\1", text).replace("’ ", "’").replace("' ", "'")
        for o in objects:
            for n in ctx.entity(o).names:
                text = re.sub(
                    rf"\s+(?:de la|de l'|de l’|du|de|des|d'|d’)\s*{re.escape(n)}\s*$", "", text
                )
        return text.strip(" ,")

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
