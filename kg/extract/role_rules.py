"""Rules for ``holdsRole``: titles before or after a name, and the bodies they name.

"le ministre vietnamien des Affaires étrangères Bui Thanh Son", "Kao Kim Hourn,
secrétaire général de l'ASEAN": the title gives the post, and the countries and bodies
it names (or the country the article is about, for "le Premier ministre") are where the
person holds it. A mixin of :class:`kg.extract.relations.Relations`.
"""

from __future__ import annotations

import re

from kg.extract.candidates import TITLE_WORDS
from kg.extract.context import Hit
from kg.extract.text import loose_key, normalise
from kg.model import EntityType, Predicate

P = Predicate
E = EntityType
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


class RoleRules:
    """Posts from titles (needs ``ctx`` and ``add`` of :class:`Relations`)."""

    def title_of(self, person: str, sentence: int) -> str | None:
        """The title written next to ``person``'s mention in ``sentence``, as written."""
        ctx = self.ctx
        for h in ctx.hits(sentence, E.PERSON):
            if h.key != person:
                continue
            span = ctx.span(h.mention.start, h.mention.end)
            if span is None:
                continue
            found = self._title_after(span.end) or self._title_before(span.start)
            if found:
                return ctx.doc[found[0] : found[1]].text.strip(" ,")
        return None

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
