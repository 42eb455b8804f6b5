"""Mentions of people by their post or a pronoun, tied to the person they stand for.

"Le Premier ministre a par ailleurs réaffirmé…", "Le diplomate sud-coréen a affirmé…",
"Il a souligné…": each becomes a mention of the person last introduced with that post
(or that nationality), so that the graph can show every sentence where someone acts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.candidates import TITLE_WORDS
from kg.extract.context import Context
from kg.extract.text import normalise
from kg.model import Entity, EntityType, Mention, Predicate, Relation

ROLE_NOUNS = TITLE_WORDS | {"diplomate", "responsable", "dirigeant", "dirigeante"}
TITLE_REF = re.compile(
    r"\b(?:[Ll]e|[Ll]a|[Dd]u|[Aa]u)\s+((?:[Pp]remier |[Pp]remière |[Vv]ice-)?[\w-]+"
    r"(?: [Gg]énérale?| adjointe?)?)"
    r"(?:\s+([a-zéèêëîïôûç-]+))?",
)
PRONOUN = re.compile(r"^\s*(Il|Elle)\b")


def coreference_mentions(ctx: Context, relations: tuple[Relation, ...]) -> tuple[Entity, ...]:
    """The article's entities with mentions added for titles and pronouns."""
    people = {e.key: e for e in ctx.entities if e.type == EntityType.PERSON}
    if not people:
        return ctx.entities
    roles: dict[str, list[str]] = {}
    countries: dict[str, set[str]] = {}
    for r in relations:
        if r.predicate == Predicate.HOLDS_ROLE and r.subject in people:
            roles.setdefault(r.subject, []).append((r.role or "").lower())
            countries.setdefault(r.subject, set()).add(r.object)
    adjectives = {normalise(a): c.iso for c in ctx.lexicon.countries for a in c.adjectives}
    iso_key = {
        e.gazetteer_id.split("/")[1]: e.key
        for e in ctx.entities
        if e.gazetteer_id and e.gazetteer_id.startswith("country/")
    }
    added: dict[str, list[Mention]] = {}
    taken = {(m.start, m.end) for e in ctx.entities for m in e.mentions}

    def last_person(before: int, test: object) -> str | None:
        best = None
        for key, e in people.items():
            starts = [m.start for m in e.mentions if m.start < before]
            if starts and test(key) and (best is None or max(starts) > best[0]):
                best = (max(starts), key)
        return best[1] if best else None

    for sent in ctx.sentences:
        for m in TITLE_REF.finditer(sent.text):
            title = m.group(1).lower()
            words = title.split()
            head = next(
                (
                    w
                    for w in words
                    if w in ROLE_NOUNS and w not in ("premier", "général", "générale")
                ),
                title,
            )
            if head not in ROLE_NOUNS and title not in ROLE_NOUNS:
                continue
            end = sent.start + m.end(1)
            rest = ctx.doc.text[end : end + 40]
            if re.match(r"\s*(?:[A-Z][\w-]+\s+){0,1}[A-Z][\w-]+", rest) and not re.match(
                r"\s*(?:des|de|du)\b", rest
            ):
                continue  # "le Premier ministre Pham Minh Chinh": the name is there already
            adj = m.group(2)
            nationality = adjectives.get(normalise(adj)) if adj else None
            if nationality:
                end = sent.start + m.end(2)
                country = iso_key.get(nationality)
                key = last_person(sent.start, lambda k, c=country: c in countries.get(k, ()))
            else:
                key = last_person(
                    sent.start,
                    lambda k, t=head: any(
                        r.startswith(t) or f" {t}" in r for r in roles.get(k, [])
                    ),
                )
            start = sent.start + m.start(1)
            if key and (start, end) not in taken:
                added.setdefault(key, []).append(
                    Mention(
                        start, end, ctx.doc.text[start:end], sent.index, "coreference:title", 0.6
                    )
                )
                taken.add((start, end))
        m = PRONOUN.match(sent.text)
        if m and sent.index > 0:
            prev = [
                h
                for i in (sent.index - 1, sent.index - 2)
                for h in ctx.hits(i)
                if h.type == EntityType.PERSON
            ]
            keys = {h.key for h in prev}
            if len(keys) == 1:
                start = sent.start + m.start(1)
                if (start, start + len(m.group(1))) not in taken:
                    added.setdefault(prev[0].key, []).append(
                        Mention(
                            start,
                            start + len(m.group(1)),
                            m.group(1),
                            sent.index,
                            "coreference:pronoun",
                            0.5,
                        )
                    )
    return tuple(
        replace(e, mentions=tuple(sorted((*e.mentions, *added[e.key]), key=lambda x: x.start)))
        if e.key in added
        else e
        for e in ctx.entities
    )
