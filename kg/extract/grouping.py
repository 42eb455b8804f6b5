"""Grouping candidates into the entities of one article: which names are the same
actor (acronyms, spelling variants, a family name alone), and the name each entity goes by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.candidates import (
    ACRONYM,
    BARE_NER,
    YEAR,
    Candidate,
)
from kg.extract.text import loose_key, normalise
from kg.model import EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _may_nest(inner: Candidate, outer: Candidate) -> bool:
    """A name may sit inside a longer name found by a rule ("Ambassade de France",
    "entretiens entre … To Lam et …"); a bare NER guess may not."""
    if not (outer.start <= inner.start and inner.end <= outer.end) or (
        inner.start == outer.start and inner.end == outer.end
    ):
        return False
    if inner.source in BARE_NER or not outer.source.startswith("rule:"):
        return False
    return not (inner.type == outer.type == EntityType.PERSON)


# --------------------------------------------------------------------- merging


@dataclass
class Group:
    """Candidates that name the same entity in one article."""

    type: EntityType
    members: list[Candidate]
    names: list[str]
    gazetteer_id: str | None = None
    merges: list[tuple[str, str]] = field(default_factory=list)

    @property
    def best(self) -> Candidate:
        return max(self.members, key=lambda c: (c.priority, len(c.text)))


def person_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", normalise(name)) if w]


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def same_person(a: str, b: str, spelling: bool = True) -> str | None:
    """Why two person names of one article are the same person, or None
    (``spelling=False`` skips the edit-distance test, for callers that do not accept it).

    >>> same_person("Baker", "Jonathan Baker")
    'short form'
    >>> same_person("Johnathan Bake", "Jonathan Baker")
    'spelling variant'
    >>> same_person("Joe Biden", "Joseph Robinette Biden")
    'first-name variant'
    >>> same_person("Hun Manet", "Hun Sen") is None
    True
    """
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return None
    if ta == tb:
        return "same name"
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    # the short form is the tail of the full name ("Baker", "Singh Deo"), or the family
    # name written first ("M. Yan" for Yan Dong, "M. Cho" for Cho Tae-yul)
    if len(short) < len(long_) and long_[-len(short) :] == short:
        return "short form"
    if len(short) == 1 and len(long_) >= 2 and long_[0] == short[0] and len(short[0]) > 1:
        return "short form"
    na, nb = " ".join(ta), " ".join(tb)
    if (
        spelling
        and len(ta) == len(tb)
        and min(len(na), len(nb)) >= 10
        and _edit_distance(na, nb) <= 2
        and all(x[0] == y[0] for x, y in zip(ta, tb, strict=True))
    ):
        return "spelling variant"
    if ta[-1] == tb[-1] and ta[0][:2] == tb[0][:2] and len(ta) != len(tb):
        return "first-name variant"
    return None


def _event_key(name: str) -> tuple[str, ...]:
    return tuple(
        w
        for w in loose_key(name)
        if not YEAR.match(w) and not re.match(r"^(?:\d+(?:e|er|eme)?|e|er|eme)$", w)
    )


def _is_subsequence(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    it = iter(long_)
    return all(w in it for w in short)


def merge(cands: list[Candidate], acronym_expansions: dict[str, str]) -> list[Group]:
    """Group the candidates of one article into entities."""
    groups: list[Group] = []
    by_key: dict[tuple, Group] = {}

    def expand(text: str) -> str:
        words = text.split()
        return " ".join(acronym_expansions.get(w, w) for w in words)

    for c in sorted(cands, key=lambda c: -c.priority):
        if c.gazetteer_id:
            key: tuple = ("gaz", c.gazetteer_id)
        else:
            key = (c.type, normalise(expand(c.name or c.text)))
        g = by_key.get(key)
        if g is None:
            g = Group(c.type, [], [], c.gazetteer_id)
            by_key[key] = g
            groups.append(g)
        g.members.append(c)
        for n in (c.name or c.text, c.text, *c.aliases):
            if n and n not in g.names:
                if g.names:
                    g.merges.append((n, _alias_reason(n, c)))
                g.names.append(n)

    # acronym aliases ("Forum économique mondial (WEF)") pull in the bare acronym
    def absorb(target: Group, other: Group) -> None:
        target.members.extend(other.members)
        for n in other.names:
            if n not in target.names:
                target.names.append(n)
        groups.remove(other)

    changed = True
    while changed:
        changed = False
        for g in list(groups):
            if g not in groups:
                continue
            for h in list(groups):
                if h is g or h not in groups or g not in groups:
                    continue
                why = merge_reason(g, h, expand)
                if why:
                    keep, drop = (g, h) if _rank(g) >= _rank(h) else (h, g)
                    # record both sides: which name ends up canonical is decided later
                    noted = {n for n, _ in keep.merges}
                    keep.merges.extend((n, why) for n in keep.names if n not in noted)
                    keep.merges.extend((n, why) for n in drop.names)
                    keep.merges.extend(drop.merges)
                    absorb(keep, drop)
                    changed = True
    return groups


def abbreviates_tail(doc: Doc, start: int, end: int, acronym: str) -> bool:
    """Whether an acronym after the name ``doc[start:end]`` stands for its last words only
    ("Sommet … sur l'intelligence artificielle (IA)"): then it names a term, not the whole."""
    return any(_initials_of(acronym, doc[k:end].text) for k in range(start + 1, end - 1))


def _initials_of(acronym: str, name: str) -> bool:
    """Whether an acronym is made of the initials of a name's content words.

    >>> _initials_of("CCG", "Conseil de coopération du Golfe")
    True
    >>> _initials_of("ASEAN", "Conseil de coopération du Golfe")
    False
    """
    from kg.extract.text import content_words

    words = content_words(name)
    return len(words) >= 2 and "".join(w[0] for w in words) == acronym.lower()


def _alias_reason(n: str, c: Candidate) -> str:
    """Why a form of a candidate's own span is one of its names."""
    if c.gazetteer_id:
        return "same gazetteer entry"
    if n in c.aliases:
        if ACRONYM.match(n.split()[0]):
            return "acronym defined in the article"
        return "alternative form given in the article (quoted name or theme)"
    if n == c.text and c.name and n != c.name:
        return "the name as written with its qualifiers"
    return "same name up to case and diacritics"


def _rank(g: Group) -> tuple:
    return (bool(g.gazetteer_id), max(c.priority for c in g.members), max(len(n) for n in g.names))


def merge_reason(g: Group, h: Group, expand: object) -> str | None:
    """Why two groups of one article name the same entity, or None."""
    if g.gazetteer_id and h.gazetteer_id:
        return "same gazetteer entry" if g.gazetteer_id == h.gazetteer_id else None
    gn = {normalise(n) for n in g.names}
    hn = {normalise(n) for n in h.names}
    if gn & hn and g.type == h.type:
        return "same name up to case and diacritics"
    if g.type != h.type:
        for a, b in ((g, h), (h, g)):
            if (
                a.type == EntityType.PERSON
                and all(c.source in BARE_NER for c in b.members)
                and any(
                    len(person_tokens(n)) == 1 and same_person(n, m) == "short form"
                    for n in b.names
                    for m in a.names
                )
            ):
                return "short form"  # "Kishida" tagged as a place, after "Fumio Kishida"
        return None
    if g.type == EntityType.PERSON:
        full_g = [n for n in g.names if len(person_tokens(n)) >= 2]
        full_h = [n for n in h.names if len(person_tokens(n)) >= 2]
        if full_g and full_h and not any(same_person(a, b) for a in full_g for b in full_h):
            return None  # "Hun Sen" and "Hun Manet": a shared "Hun" never joins them
        for a in g.names:
            for b in h.names:
                why = same_person(a, b)
                if why:
                    return why
        return None
    if g.type == EntityType.EVENT:
        # "6e conférence des ministres du Numérique de l'ASEAN" and "6e réunion des ministres
        # du Numérique de l'ASEAN": the same edition of the same meeting
        editions = {c.edition for c in g.members if c.edition} & {
            c.edition for c in h.members if c.edition
        }
        if editions and {c.nouns[1:] for c in g.members if len(c.nouns) >= 3} & {
            c.nouns[1:] for c in h.members if len(c.nouns) >= 3
        }:
            return "same edition and name of a meeting"
        gk = {c.nouns for c in g.members if len(c.nouns) >= 3}
        if gk & {c.nouns for c in h.members if len(c.nouns) >= 3}:
            # "7e réunion élargie des ministres…", "la réunion virtuelle des ministres…"
            return "same nouns in the name of an event"
    if g.type in (EntityType.ORGANISATION, EntityType.EVENT, EntityType.INITIATIVE):
        for a, b in ((g, h), (h, g)):
            if any(_initials_of(n, m) for n in a.names if ACRONYM.match(n) for m in b.names):
                return "acronym of the name"  # "CCG" for "Conseil de coopération du Golfe"
    if g.type == EntityType.ORGANISATION and bool(g.gazetteer_id) != bool(h.gazetteer_id):
        known, other = (g, h) if g.gazetteer_id else (h, g)
        for c in other.members:
            words = c.text.split(maxsplit=1)
            if (
                len(words) == 2
                and normalise(words[0]) in _GROUP_WORDS
                and normalise(words[1]) in {normalise(n) for n in known.names}
            ):
                return "a group named after a known company"  # "le groupe Thales" is Thales
    if g.type in (EntityType.EVENT, EntityType.INITIATIVE, EntityType.ORGANISATION):
        kinds = {c.event_kind for c in g.members} | {c.event_kind for c in h.members}
        for a in g.names:
            for b in h.names:
                ka, kb = _event_key(expand(a)), _event_key(expand(b))  # type: ignore[operator]
                if len(ka) < 2 or len(kb) < 2 or ka[0] != kb[0]:
                    continue
                if ka == kb:
                    return "same content words (acronyms expanded)"
                short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
                if (
                    g.type == EntityType.EVENT
                    and _is_subsequence(short, long_)
                    and len(kinds - {None}) <= 1
                ):
                    return "shorter form of an event's name"
        if g.type == EntityType.ORGANISATION:
            # same distinctive proper noun in two names of the same kind of body
            def rare(gr: Group) -> set[str]:
                out = set()
                for c in gr.members:
                    for w in re.findall(r"\b[A-Z][\w]+", c.text):
                        lw = normalise(w)
                        if len(lw) > 3 and lw not in _COMMON_CAPS:
                            out.add(lw)
                return out

            rg, rh = rare(g), rare(h)
            if rg & rh and all(c.source.startswith("rule:") for c in g.members + h.members):
                heads_g = {normalise(c.text.split()[0]) for c in g.members}
                heads_h = {normalise(c.text.split()[0]) for c in h.members}
                if heads_g & {"zone", "parc", "pole"} and heads_h & {"zone", "parc", "pole"}:
                    return "same distinctive name of a park or zone"
    return None


_GROUP_WORDS = frozenset("groupe societe compagnie firme entreprise constructeur".split())
_COMMON_CAPS = frozenset(
    [
        "ministere",
        "ministre",
        "comite",
        "bureau",
        "banque",
        "agence",
        "institut",
        "centre",
        "conseil",
        "commission",
        "union",
        "zone",
        "parc",
        "forum",
        "groupe",
        "societe",
        "autorite",
        "ambassade",
    ]
)


def group_acronyms(groups: list[Group]) -> dict[str, str]:
    out: dict[str, str] = {}
    for g in groups:
        longest = max(g.names, key=len)
        for n in g.names:
            if ACRONYM.match(n) and n.isupper() and n != longest:
                out[n] = longest
    return out


def canonical_name(g: Group) -> str:
    """The fullest form the article uses (the gazetteer's name for known entities)."""
    for c in g.members:
        if c.gazetteer_id and c.name:
            return c.name
    if g.gazetteer_id:
        gaz_names = [c.text for c in g.members if c.gazetteer_id and not ACRONYM.match(c.text)]
        if gaz_names:
            return max(gaz_names, key=len)
    if g.type == EntityType.PERSON:
        full = [c.text for c in g.members if len(c.text.split()) >= 2] or [
            c.text for c in g.members
        ]
        return max(full, key=lambda t: (full.count(t), len(t)))
    named = [c.name for c in g.members if c.name]
    if named:
        return max(named, key=len)
    texts = [c.text for c in g.members if c.type == g.type]
    return max(texts or g.names, key=len)
