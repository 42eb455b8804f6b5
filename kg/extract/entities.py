"""Entities of one article: gazetteer matches, noun-phrase rules and spaCy NER.

Three sources propose spans; rules decide which survive:

* the gazetteer (countries by name, adjective or capital; international bodies; known
  places) is trusted and may sit inside a longer name ("Ambassade de France");
* noun phrases whose head is an event, initiative or organisation word ("6e conférence
  ministérielle du numérique de l'ASEAN", "ministère des Sciences et des Technologies")
  are read left to right with stop rules, and kept only when something marks them as a
  specific, named thing (an ordinal, a year, a capital letter, a quotation, an acronym);
* spaCy's NER proposes people, places and organisations, which are cleaned (titles and
  honorifics stripped, role phrases and junk rejected).

Mentions in photo credits, datelines, lists of related headlines and English passages
are ignored, as the gold guide asks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.candidates import (
    ACRONYM,
    FACILITIES,
    PERSON_PARTICLES,
    TITLE_WORDS,
    Candidate,
    _is_cap,
)
from kg.extract.grouping import (
    _may_nest,
)
from kg.extract.text import normalise
from kg.model import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Span

from kg.extract.phrases import PhraseRules


class EntityFinder(PhraseRules):
    """Finds entity candidates in one parsed article: gazetteer, phrases, people, NER."""

    def _strip_titles(self, start: int, end: int) -> int:
        """Skip honorifics and role titles at the head of a span."""
        doc = self.doc
        hon = self.lexicon.honorifics
        while start < end:
            t = doc[start]
            low = t.lower_
            if t.text in hon or t.text.rstrip(".") in {h.rstrip(".") for h in hon}:
                start += 1
                if start < end and doc[start].text == ".":
                    start += 1
                continue
            if (
                low in TITLE_WORDS
                or low in self.lexicon.roles
                or low.replace("-", " ") in self.lexicon.roles
            ):
                start += 1
                continue
            if not _is_cap(t) and t.pos_ in ("ADJ", "ADP", "DET", "NOUN"):
                start += 1
                continue
            break
        return start

    def _person_ok(self, span: Span) -> bool:
        doc = self.doc
        before = {t.lower_ for t in doc[max(0, span.start - 4) : span.start]}
        if before & FACILITIES:
            return False  # "l'aéroport international de Nôi Bai" names a place
        words = [t for t in span if not t.is_punct]
        if not words or len(words) > 5:
            return False
        for t in words:
            if t.like_num or t.lower_ in TITLE_WORDS:
                return False
            hyphenated = t.i > 0 and t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_
            if (
                not _is_cap(t)
                and t.lower_ not in PERSON_PARTICLES
                and "-" not in t.text
                and not hyphenated
            ):
                return False
        key = normalise(span.text)
        return key not in self.gaz.country_keys and key not in self.gaz.place_keys

    def people(self) -> list[Candidate]:
        doc = self.doc
        out: list[Candidate] = []
        seen: set[tuple[int, int]] = set()

        def add(start: int, end: int, source: str, priority: int) -> None:
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end <= start or (start, end) in seen or self._skipped(start, end):
                return
            span = doc[start:end]
            if not self._person_ok(span):
                return
            seen.add((start, end))
            out.append(self._cand(start, end, EntityType.PERSON, source, priority))

        for ent in doc.ents:
            start = self._strip_titles(ent.start, ent.end)
            if start >= ent.end:
                continue
            if ent.label_ == "PER":
                titled = start > ent.start or self._titled(start)
                if ent.end - start == 1 and not titled:
                    # a lone word may be a surname seen in full elsewhere; merging decides
                    add(start, ent.end, "ner:PER-short", 40)
                else:
                    add(start, ent.end, "ner:PER", 70)
            elif start > ent.start and ent.end - start >= 2:
                # "Secrétaire Général To Lam" tagged as a place: the name is what follows
                add(start, ent.end, f"ner:{ent.label_}-titled", 65)
        # "le ministre sud-coréen des Affaires étrangères, Cho Tae-yul, a…" and
        # "le Premier ministre indien Narendra Modi": a name right after a role
        for tok in doc:
            if tok.i in self.skip_tokens:
                continue
            if tok.text == "," and self._role_before(tok.i):
                first = tok.i + 1
                while first < len(doc) and doc[first].text.rstrip(".") in self._honorifics:
                    first += 2 if first + 1 < len(doc) and doc[first + 1].text == "." else 1
                run = self._name_run(first)
                if run and (run == tok.sent.end or doc[run].text in (",", ".", ")", ";", ":")):
                    add(first, run, "rule:apposition", 72)
            elif tok.lower_ in TITLE_WORDS:
                j = tok.i + 1
                while j < len(doc) and not _is_cap(doc[j]) and doc[j].pos_ == "ADJ":
                    j += 1
                run = self._name_run(j)
                if run:
                    add(j, run, "rule:titled", 72)
        # honorific or title followed by capitalised words the NER missed
        hon = self._honorifics
        for tok in doc:
            if tok.text.rstrip(".") in hon and tok.i + 1 < len(doc):
                j = tok.i + 1
                if doc[j].text == ".":
                    j += 1
                k = j
                while (
                    k < len(doc)
                    and k - j < 4
                    and (_is_cap(doc[k]) or doc[k].text == "-")
                    and doc[k].lower_ not in TITLE_WORDS
                    and not self._gaz_at(k)
                ):
                    k += 1
                if k > j:
                    add(j, k, "rule:honorific", 75)
        return out

    def _name_run(self, j: int) -> int | None:
        """End of a run of 2 to 4 capitalised words starting at j (a person's name), if
        none of them is a known place, country, organisation or title."""
        doc = self.doc
        k = j
        while (
            k < len(doc)
            and k - j < 5
            and (
                (_is_cap(doc[k]) and doc[k].is_alpha)
                or (k > j and doc[k].text == "-" and not doc[k - 1].whitespace_)
                or (k > j and doc[k - 1].text == "-" and doc[k].is_alpha)
            )
        ):
            if self._gaz_at(k) or doc[k].lower_ in TITLE_WORDS or doc[k].sent != doc[j].sent:
                return None
            k += 1
        if k - j < 2 or doc[k - 1].text == "-":
            return None
        return k

    def _role_before(self, comma: int) -> bool:
        """Whether the words before this comma (same sentence) name a post."""
        doc = self.doc
        start = max(doc[comma].sent.start, comma - 10)
        return any(
            doc[k].lower_ in TITLE_WORDS or doc[k].lower_ in self.lexicon.roles
            for k in range(start, comma)
        )

    def _titled(self, i: int) -> bool:
        """Whether a role title or honorific stands just before token i."""
        doc = self.doc
        for k in range(max(0, i - 6), i):
            if doc[k].lower_ in TITLE_WORDS or doc[k].text.rstrip(".") in {
                h.rstrip(".") for h in self.lexicon.honorifics
            }:
                return True
        return False

    # ----------------------------------------------------------- every NER span
    def ner_raw(self) -> list[Candidate]:
        """Every span spaCy's NER tags, as the tagger has it, at the lowest priority: what
        the cleaning rules reject may still be a name, and the entity model has the last
        word. Spans the other rules read are dropped in :meth:`candidates`."""
        kinds = {
            "PER": EntityType.PERSON,
            "LOC": EntityType.PLACE,
            "ORG": EntityType.ORGANISATION,
            "MISC": EntityType.ORGANISATION,
        }
        out: list[Candidate] = []
        for ent in self.doc.ents:
            start, end = ent.start, ent.end
            while start < end and (
                self.doc[start].pos_ in ("DET", "ADP") or self.doc[start].is_punct
            ):
                start += 1
            while end > start and self.doc[end - 1].is_punct:
                end -= 1
            if end <= start or self._skipped(start, end) or ent.label_ not in kinds:
                continue
            if not any(t.text[:1].isupper() for t in self.doc[start:end]):
                continue
            out.append(self._cand(start, end, kinds[ent.label_], f"ner-raw:{ent.label_}", 5))
            split = self._title_glued(start, end)
            if split is not None:
                out.append(self._cand(split, end, EntityType.PERSON, "ner-split", 6))
        return out

    def _title_glued(self, start: int, end: int) -> int | None:
        """ "ministre de la Construction Nguyen Tuong Van": the tagger glues the last word
        of a title to the name after it. Where a span opens a title's complement and goes
        on with two to four capitalised words, those words may be the person."""
        doc = self.doc
        if end - start < 3 or start == 0:
            return None
        if doc[start - 1].lower_.replace("’", "'") not in ("de", "du", "des", "l'", "la", "aux"):
            return None
        rest = doc[start + 1 : end]
        if not 2 <= len(rest) <= 4 or not all(t.is_alpha and t.text[:1].isupper() for t in rest):
            return None
        return start + 1

    # ----------------------------------------------------------- other NER types
    def ner_others(self) -> list[Candidate]:
        doc = self.doc
        out: list[Candidate] = []
        for ent in doc.ents:
            if ent.label_ == "PER" or self._skipped(ent.start, ent.end):
                continue
            start, end = ent.start, ent.end
            while start < end and (doc[start].pos_ in ("DET", "ADP") or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].pos_ in ("DET", "ADP") or doc[end - 1].is_punct):
                end -= 1
            if end <= start:
                continue
            span = doc[start:end]
            low_words = {t.lower_ for t in span}
            if low_words & TITLE_WORDS or any(t.lower_ in self.lexicon.roles for t in span):
                continue
            if not _is_cap(span[0]) or len(span.text) < 2:
                continue
            if span[0].pos_ in ("ADV", "VERB", "AUX", "ADJ", "PRON") and len(span) == 1:
                continue
            if len(span) == 1 and span[0].pos_ != "PROPN" and not ACRONYM.match(span.text):
                continue
            if span.text in self.lexicon.generic_acronyms or span.text in self.term_acronyms:
                continue
            # words of a role ("ministre cambodgien des Postes et Télécommunications")
            if self._role_context(start):
                continue
            # a capitalised common noun ("Partenariat stratégique global") is a theme, and
            # an event or initiative head is left to the noun-phrase rules
            if (
                ent.label_ != "LOC"
                and span[0].pos_ == "NOUN"
                and not self._head_match(start, self.lexicon.organisation_heads)
            ):
                continue
            if ent.label_ == "LOC" and not (len(span) == 1 and span.text.isupper()):
                out.append(self._cand(start, end, EntityType.PLACE, "ner:LOC", 30))
            elif ent.label_ == "LOC":  # an acronym is seldom a place: "l'ADGSOM"
                out.append(self._cand(start, end, EntityType.ORGANISATION, "ner:LOC", 20))
            elif ent.label_ == "ORG":
                out.append(self._cand(start, end, EntityType.ORGANISATION, "ner:ORG", 30))
            elif ent.label_ == "MISC" and len(span) == 1 and ACRONYM.match(span.text):
                out.append(self._cand(start, end, EntityType.ORGANISATION, "ner:MISC", 20))
        return out

    def quoted_names(self) -> list[Candidate]:
        """'l'organisme "Commonwealth Scientific and Industrial Research Organisation"
        (CSIRO)': a quoted, capitalised name defined by an acronym names an organisation."""
        doc = self.doc
        out = []
        for tok in doc:
            if tok.text not in ('"', "«", "“") or tok.i in self.skip_tokens:
                continue
            close = next(
                (
                    k
                    for k in range(tok.i + 1, min(tok.i + 15, len(doc)))
                    if doc[k].text in ('"', "»", "”")
                ),
                None,
            )
            if close is None or close + 3 >= len(doc) or close - tok.i < 2:
                continue
            if (
                doc[close + 1].text == "("
                and doc[close + 3].text == ")"
                and ACRONYM.match(doc[close + 2].text)
                and _is_cap(doc[tok.i + 1])
            ):
                out.append(
                    self._cand(
                        tok.i + 1,
                        close,
                        EntityType.ORGANISATION,
                        "rule:quoted",
                        78,
                        aliases=[doc[close + 2].text],
                        nested_ok=True,
                    )
                )
        return out

    def unknown_acronyms(self) -> list[Candidate]:
        """An unknown acronym used at least twice names something ("la présidence de
        l'ADGSOM"); "l'ADGSOM est un forum" tells what kind of thing, else it is taken for
        an organisation."""
        doc = self.doc
        seen: dict[str, list[int]] = {}
        for tok in doc:
            t = tok.text
            if (
                len(t) >= 3
                and t.isupper()
                and t.isalpha()
                and t not in self.lexicon.generic_acronyms
                and tok.i not in self.skip_tokens
                and not self._gaz_at(tok.i)
            ):
                seen.setdefault(t, []).append(tok.i)
        out = []
        lex = self.lexicon
        for acr, positions in seen.items():
            if len(positions) < 2:
                continue
            if acr in self.term_acronyms:
                continue  # "le calcul à haute performance (CHP)": a term, not a name
            etype, kind = EntityType.ORGANISATION, None
            m = re.search(
                rf"\b{re.escape(acr)}\s+(?:est|était|sera)\s+(?:un|une|le|la)\s+"
                r"([\w-]+(?:\s[\w-]+)?)",
                doc.text,
            )
            if m:
                words = m.group(1).lower()
                first = words.split()[0]
                if words in lex.event_heads or first in lex.event_heads:
                    etype = EntityType.EVENT
                    kind = lex.event_heads.get(words, lex.event_heads.get(first))
                elif words in lex.initiative_heads or first in lex.initiative_heads:
                    etype = EntityType.INITIATIVE
            priority = 35 if m else 25  # what the article says beats the tagger's guess
            for i in positions:
                out.append(
                    self._cand(
                        i, i + 1, etype, "rule:acronym", priority, event_kind=kind, nested_ok=True
                    )
                )
        return out

    # ------------------------------------------------------------------ choose
    def candidates(self) -> list[Candidate]:
        gaz = self.gazetteer()
        structural = (
            self.noun_phrases()
            + self.people()
            + self.ner_others()
            + self.quoted_names()
            + self.unknown_acronyms()
            + self.ner_raw()
        )
        structural.sort(key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        kept: list[Candidate] = []
        for c in structural:
            # a gazetteer entry wins over any other reading of exactly its words
            if any(g.start <= c.start and c.end <= g.end for g in gaz):
                continue
            if c.source.startswith("ner:") and any(
                g.start < c.end and c.start < g.end for g in gaz
            ):
                continue
            clash = False
            for k in kept:
                overlap = k.start < c.end and c.start < k.end
                if not overlap:
                    continue
                if _may_nest(c, k) or _may_nest(k, c):
                    continue  # "Forum de Jakarta", "entretiens entre … To Lam et …"
                clash = True
                break
            if not clash:
                kept.append(c)
        return sorted(gaz + kept, key=lambda c: c.start)
