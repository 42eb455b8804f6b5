"""Commitments: who pledged, proposed, called for or signed what, voiced by whom, where.

A sentence carries a commitment when it holds one of the cues of
``data/lexicon/commitments.tsv`` and an actor can be named for it. The actor is, in
order: the country or organisation that is the subject of the cue ("La Chine continuera
de…", "Séoul et Phnom Penh ont signé…"), the body whose will is stated ("la volonté du
Vietnam de…"), a back-reference ("la province", "les deux parties"), else the country or
organisation of the person who speaks. For calls and proposals the actor is the side that
speaks, not the one addressed ("le Premier ministre a souligné que l'ASEAN et l'Inde
doivent…" is Vietnam's call). Items of an announced list ("quatre propositions :
Premièrement…") take the kind of the list. Negated cues are kept with the modality
``negated``, conditional ones with ``hypothetical``.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.extract.commitment_actors import ActorRules
from kg.extract.context import Context
from kg.extract.lexicon import DATA_DIR
from kg.model import (
    Commitment,
    CommitmentKind,
    Entity,
    EntityType,
    Modality,
    Predicate,
    Relation,
    Sentence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.lexicon import Lexicon

E = EntityType
K = CommitmentKind
PRECEDENCE = (K.AGREEMENT, K.PROPOSAL, K.PLEDGE, K.CALL)
LIST_ITEM = re.compile(
    r"^\s*(?:premièrement|deuxièmement|troisièmement|quatrièmement|cinquièmement|"
    r"sixièmement|enfin|[-•*]\s)",
    re.IGNORECASE,
)
LIST_OF_PROPOSALS = re.compile(r"\b(?:propositions?|orientations|mesures|axes)\b", re.I)
LIST_OF_CALLS = re.compile(r"\b(?:principes?|priorités|recommandations)\b", re.I)
SPEECH = re.compile(
    r"\b(?:a|ont|avait)(?: \w+)? (?:déclaré|souligné|affirmé|réaffirmé|appelé|indiqué|précisé|"
    r"estimé|noté|rappelé|ajouté|insisté|exprimé|plaidé|proposé|présenté|évoqué|salué|"
    r"comparé)|\bselon\b|\bestime\b|\bsouligne\b|\ba-t-(?:il|elle) (?:déclaré|ajouté)|"
    r"\bdiscours\b|\bs'exprimant\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:ne|n['’])\s*(?:[\w'’-]+\s+){0,2}?(?:pas|plus|jamais|guère)\b", re.I)
HYPOTHETICAL = re.compile(r"\b(?:pourrai[ts]?|pourraient|pourront|pourra|éventuellement)\b", re.I)
SPEAKER_WINDOW = 4
# Futures that state a fact rather than a course of action ("le sommet se tiendra").
NOT_COMMITTING = frozenset(
    "être avoir pouvoir devoir falloir tenir devenir sembler rester permettre".split()
)


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    kind: CommitmentKind
    modality: Modality


@cache
def load_cues(path: Path = DATA_DIR / "lexicon" / "commitments.tsv") -> tuple[Cue, ...]:
    """The cue lexicon, compiled once."""
    cues = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#") or len(row) < 3:
                continue
            cues.append(Cue(re.compile(row[0]), K(row[1].strip()), Modality(row[2].strip())))
    return tuple(cues)


class Commitments(ActorRules):
    """The rules over one article's sentences, in reading order."""

    def __init__(self, ctx: Context, relations: tuple[Relation, ...]) -> None:
        self.ctx = ctx
        self.relations = relations
        self.cues = load_cues()
        self.out: list[Commitment] = []
        self.seen: set[tuple[str, str]] = set()
        self.speaker: str | None = None
        self.speaker_at = -100
        self.event: str | None = None
        self.list_kind: CommitmentKind | None = None
        self.list_speaker: str | None = None
        self.quote_depth = 0
        self.quoted = False
        self.last_commit: tuple[int, str | None] = (-100, None)
        self.pair: list[str] = []
        self.pair_at = -100
        self.roles: dict[str, list[str]] = {}
        for r in relations:
            if r.predicate == Predicate.HOLDS_ROLE and r.role:
                self.roles.setdefault(r.subject, []).append(r.role.lower())

    # ------------------------------------------------------------------- scan
    def run(self) -> None:
        ctx = self.ctx
        for sent in ctx.sentences:
            if self._ignored(sent):
                continue
            self._track(sent)
            opened = len(re.findall(r"[“«]", sent.text)) - len(re.findall(r"[”»]", sent.text))
            self.quoted = self.quote_depth > 0 or opened != 0 or "“" in sent.text
            self.quote_depth = max(0, self.quote_depth + opened)
            lower = sent.text.lower()
            found = self._cue(lower)
            item = bool(LIST_ITEM.match(sent.text))
            if item and self.list_kind and (found is None or found[0].kind != K.PLEDGE):
                kind, modality = self.list_kind, found[0].modality if found else Modality.ASSERTED
                cue_at = sent.start
            elif found:
                cue, m = found
                kind, modality, cue_at = cue.kind, cue.modality, sent.start + m.start()
            elif (future := self._future_of_agent(sent)) is not None:
                kind, modality, cue_at = K.PLEDGE, Modality.ASSERTED, future
            else:
                self._update_list(sent, item)
                continue
            self._update_list(sent, item)
            if NEGATION.search(lower[max(0, cue_at - sent.start - 25) : cue_at - sent.start + 40]):
                modality = Modality.NEGATED
            elif HYPOTHETICAL.search(lower):
                modality = Modality.HYPOTHETICAL
            self._commit(sent, kind, modality, cue_at, item)

    def _future_of_agent(self, sent: Sentence) -> int | None:
        """ "Le Vietnam coopérera avec…": a verb in the future whose subject is a country
        or an organisation states what it will do. Returns the verb's offset."""
        ctx = self.ctx
        span = ctx.span(sent.start, sent.end)
        if span is None:
            return None
        agents = [
            h
            for h in self._top_hits(sent.index)
            if h.type in (E.COUNTRY, E.ORGANISATION) and not self._descriptive(h)
        ]
        for tok in span:
            if (
                tok.pos_ != "VERB"
                or "Fut" not in tok.morph.get("Tense")
                or tok.lemma_ in NOT_COMMITTING
            ):
                continue
            for child in tok.children:
                if child.dep_.startswith("nsubj") and any(
                    h.mention.start <= child.idx < h.mention.end for h in agents
                ):
                    return tok.idx
        return None

    def _ignored(self, sent: Sentence) -> bool:
        """Questions, the headline (it restates the story) and ignored page furniture."""
        from kg.extract.candidates import ignored_ranges

        if not hasattr(self, "_ranges"):
            self._ranges = ignored_ranges(self.ctx.doc.text)
        text = self.ctx.doc.text
        first_line_end = text.find("\n", len(text) - len(text.lstrip()))
        headline = sent.end <= first_line_end and not sent.text.rstrip().endswith(
            (".", "!", "»", "”")
        )
        return (
            headline
            or sent.text.rstrip().endswith("?")
            or any(a <= sent.start and sent.end <= b for a, b in self._ranges)
        )

    def _cue(self, lower: str) -> tuple[Cue, re.Match[str]] | None:
        best = None
        for cue in self.cues:
            m = cue.pattern.search(lower)
            if m and (best is None or PRECEDENCE.index(cue.kind) < PRECEDENCE.index(best[0].kind)):
                best = (cue, m)
        return best

    def _update_list(self, sent: Sentence, item: bool) -> None:
        colon_or_count = re.search(
            r"(?i)\b(?:deux|trois|quatre|cinq|six|plusieurs)\b|:\s*$", sent.text
        )
        opening = None
        if not item and colon_or_count and LIST_OF_PROPOSALS.search(sent.text):
            opening = K.PROPOSAL
        elif not item and colon_or_count and LIST_OF_CALLS.search(sent.text):
            opening = K.CALL
        if opening:
            self.list_kind = opening
            persons = [h for h in self._top_hits(sent.index) if h.type == E.PERSON]
            alive = sent.index - self.speaker_at <= SPEAKER_WINDOW
            self.list_speaker = persons[0].key if persons else (self.speaker if alive else None)
        elif (
            not item
            and self.list_kind
            and not LIST_ITEM.match(sent.text)
            and not re.match(r"(?i)^\s*(?:la|le|les|l['’]|par ailleurs|des|ces)\b", sent.text)
        ):
            self.list_kind = None  # (a sentence going on with the last item keeps it open)

    def _track(self, sent: Sentence) -> None:
        """Who is speaking, which event we are at, which two parties act together."""
        ctx = self.ctx
        idx = sent.index
        hits = self._top_hits(idx)
        events = [h for h in hits if h.type == E.EVENT]
        if events:
            self.event = events[-1].key
        persons = [h for h in hits if h.type == E.PERSON]
        if persons and (SPEECH.search(sent.text) or len(persons) == 1):
            self.speaker, self.speaker_at = persons[0].key, idx
        else:
            person = self._title_back_reference(sent.text)
            if person:
                self.speaker, self.speaker_at = person, idx
        agents = [
            h for h in hits if h.type in (E.COUNTRY, E.ORGANISATION) and not self._descriptive(h)
        ]
        text = ctx.doc.text
        for a, b in itertools.pairwise(agents):
            gap = text[a.mention.end : b.mention.start]
            if a.key != b.key and re.fullmatch(
                r"\s*(?:\([^()]{1,12}\)\s*)?(?:et|[-–])\s*(?:l['’]\s*|la |le |les |du |des |"
                r"de la |de l['’]\s*)?",
                gap,
                re.I,
            ):
                self.pair, self.pair_at = [a.key, b.key], idx
        capitals = [self._capital_of(h.entity) for h in hits if h.type == E.PLACE]
        capitals = [c for c in capitals if c]
        if len(capitals) >= 2:
            self.pair, self.pair_at = capitals[:2], idx

    def _commit(
        self, sent: Sentence, kind: CommitmentKind, modality: Modality, cue_at: int, item: bool
    ) -> None:
        ctx = self.ctx
        idx = sent.index
        alive = idx - self.speaker_at <= SPEAKER_WINDOW
        speaking = self.speaker if alive else None
        if item and self.list_kind:
            speaking = self.list_speaker
        head = ctx.doc.text[sent.start : cue_at]
        persons_before = [
            h for h in self._top_hits(idx) if h.type == E.PERSON and h.mention.end <= cue_at
        ]
        # "…, a déclaré M. Yan": the speaker named after the reported words
        m_after = re.search(
            r"(?i)(?:a|ont)(?:-t-(?:il|elle))? (?:déclaré|dit|affirmé|souligné|ajouté|indiqué|"
            r"précisé|estimé|noté)\s*,?(?:\s+[\w'’.-]+){0,6}?\s*$",
            ctx.doc.text[
                sent.start : max(
                    (
                        h.mention.start
                        for h in self._top_hits(idx)
                        if h.type == E.PERSON and h.mention.start > cue_at
                    ),
                    default=sent.start,
                )
            ],
        )
        if m_after and not persons_before:
            persons_before = [
                h for h in self._top_hits(idx) if h.type == E.PERSON and h.mention.start > cue_at
            ][:1]
        if persons_before:
            speaking = persons_before[0].key
        elif re.match(r"(?i)^\s*(?:il|elle|nous)\b", head) or item:
            speaking = speaking
        actors: list[str] = []
        if kind == K.AGREEMENT:
            actors = [
                r.subject
                for r in self.relations
                if r.sentence == idx
                and r.predicate == Predicate.SIGNS
                and ctx.entity(r.subject).type in (E.COUNTRY, E.ORGANISATION)
            ]
            actors = list(dict.fromkeys(actors))
        if not actors and kind == K.AGREEMENT:
            actors = self._parties_after(idx, cue_at)
        if not actors:
            actors = self._will_of(idx, cue_at) if kind == K.PLEDGE else []
        if not actors:
            actors = self._back_reference(idx, cue_at)
        if (
            not actors
            and kind in (K.CALL, K.PROPOSAL)
            and speaking
            and (persons_before or item or self._speech_context(sent))
        ):
            side = self._affiliation(speaking)
            actors = [side] if side else (self._subject_actors(idx, cue_at) or [speaking])
        if not actors:
            actors = self._grammatical_subject(idx, cue_at) or self._subject_actors(idx, cue_at)
        if not actors and kind == K.AGREEMENT and len(self.pair) >= 2 and idx - self.pair_at <= 3:
            actors = list(self.pair[-2:])
        if (
            not actors
            and speaking
            and re.match(r"(?i)^\s*(?:il|elle|nous|le gouvernement|le pays)\b", head)
        ):
            actors = [self._affiliation(speaking) or speaking]
        if not actors:
            return
        if speaking and speaking in (self.speaker,):
            self.speaker_at = idx  # a speech goes on while its statements are attributed
        event = self._event_of(idx)
        content = self._content(sent, cue_at)
        partners = [
            h.key
            for h in self._top_hits(idx)
            if h.mention.start > cue_at and h.type in (E.COUNTRY, E.ORGANISATION)
        ]
        initiatives = [h.key for h in self._top_hits(idx) if h.type == E.INITIATIVE]
        for actor in dict.fromkeys(actors):
            said = (actor, re.sub(r"\W+", " ", sent.text.lower()).strip())
            words = set(said[1].split())
            if said in self.seen or any(
                a == actor and (said[1] in t or len(words & set(t.split())) >= 0.8 * len(words))
                for a, t in self.seen
            ):
                continue  # a caption or a lead repeating the body
            self.seen.add(said)
            self.last_commit = (idx, speaking)
            speaker = (
                speaking
                if speaking and (self._affiliation(speaking) == actor or speaking == actor)
                else None
            )
            if speaker is None:
                speaker = next(
                    # a speaker the sentence names is the speaker, even of unknown allegiance
                    (p.key for p in persons_before if self._affiliation(p.key) in (actor, None)),
                    None,
                )
            self.out.append(
                Commitment(
                    actor=actor,
                    kind=kind,
                    sentence=idx,
                    extractor="rule:cue",
                    speaker=speaker,
                    event=event,
                    modality=modality,
                    content=content,
                    partners=tuple(p for p in dict.fromkeys(partners) if p != actor),
                    initiatives=tuple(dict.fromkeys(initiatives)),
                    confidence=0.6 if modality == Modality.ASSERTED else 0.4,
                )
            )

    def _speech_context(self, sent: Sentence) -> bool:
        """Reported or quoted speech: a speech verb, quotation marks, "nous", or a
        sentence opening on a pronoun that stands for the speaker."""
        text = sent.text
        last_idx, last_speaker = self.last_commit
        return bool(
            SPEECH.search(text)
            or re.search(r"[“”\"]", text)
            or self.quoted
            or re.search(r"(?i)\bnous\b", text)
            or re.match(r"(?i)^\s*(?:il|elle)\b", text)
            or (last_idx == sent.index - 1 and last_speaker == self.speaker)
        )

    def _event_of(self, idx: int) -> str | None:
        hits = [h for h in self._top_hits(idx) if h.type == E.EVENT]
        return hits[0].key if hits else self.event

    def _content(self, sent: Sentence, cue_at: int) -> str:
        text = self.ctx.doc.text[cue_at : sent.end]
        words = text.split()
        return " ".join(words[:25]).rstrip(" ,;:") + ("…" if len(words) > 25 else "")


def find_commitments(
    doc: Doc,
    sentences: tuple[Sentence, ...],
    entities: tuple[Entity, ...],
    relations: tuple[Relation, ...],
    lexicon: Lexicon,
    ctx: Context | None = None,
) -> tuple[Commitment, ...]:
    """Every commitment of one article, each pointing at its evidence sentence."""
    ctx = ctx or Context.build(doc, sentences, entities, lexicon)
    c = Commitments(ctx, relations)
    c.run()
    return tuple(c.out)
