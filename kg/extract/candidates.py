"""Entity candidates: what a proposed span is, the gazetteer, the page furniture that
carries no facts, and the base every candidate rule reads the article through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.text import normalise
from kg.model import EntityType, OrgKind
from kg.namespace import slug

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token


ORDINAL = re.compile(r"^\d+\s*(?:e|è|ème|eme|er|ère|re|ᵉ|ᵉʳ|ème)$", re.IGNORECASE)
YEAR = re.compile(r"^(?:19|20)\d\d$")
ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9&+\-]{2,12}$")
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "are",
        "for",
        "with",
        "as",
        "by",
        "from",
        "that",
        "this",
        "these",
        "which",
    ]
)
# Participles that belong to a name ("Dialogue ... consacré à ...") rather than tell
# what happened to it ("... tenu en 2019").
NAME_PARTICIPLES = frozenset(
    ["consacrer", "dédier", "baser", "axer", "centrer", "intituler", "porter"]
)
CREDIT = re.compile(
    r"(?:\bPhotos?\s*(?:d['’]illustration)?\s*:?|\bCrédit(?:s)?\s+(?:image|photo)s?\s*:|"
    r"\bSource\s*:|\bLire aussi\b|\bVoir aussi\b)",
    re.IGNORECASE,
)
SENTENCE_OPENER = re.compile(
    r"\s(?=(?:Le|La|Les|L['’]|Un|Une|Des|Au|Aux|À|En|Lors|Selon|Dans|Pour|Il|Elle|Ils|Elles|"
    r"Ce|Cette|Ces|Sur|Avec|Après|Depuis|Parmi|M\.|Mme)\s+\w)"
)
DATELINE = re.compile(r"^\s*[\w’'\- ]{2,40}\(([A-Z]{2,6}(?:/[A-Z]{2,6})?)\)\s*[-–—]")
SENTENCE_END = re.compile(r"(?<=[.!?»])\s+|(?<=[a-zà-ÿ\d][.!?])(?=[A-ZÀ-Ý])")
TRAILING_AGENCY = re.compile(r"(?:[-–—.]\s*|^\s*)([A-Z]{2,6}(?:/[A-Z]{2,6})?)\s*$")
DEFINITE = frozenset(["le", "la", "l'", "l’", "les", "du", "au", "aux"])
INDEFINITE = frozenset(["un", "une", "des", "de", "d'", "d’"])
DEMONSTRATIVE = frozenset(["ce", "cet", "cette", "ces"])
POSSESSIVE = frozenset(
    ["son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes"]
)
QUANTITY = frozenset(
    [
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "plusieurs",
        "quelques",
        "certains",
        "certaines",
        "nombreux",
        "nombreuses",
        "divers",
        "diverses",
        "différents",
        "différentes",
        "autres",
    ]
)
NP_PREPOSITIONS = frozenset(
    ["de", "du", "des", "d'", "d’", "sur", "pour", "entre", "contre", "à", "au", "aux", "en"]
)
PERSON_PARTICLES = frozenset(
    ["de", "du", "van", "von", "der", "bin", "binti", "al", "el", "da", "di", "le", "la"]
)
# Participles right after a head that say what happened to the thing, not what it is.
CIRCUMSTANTIAL = frozenset(
    "tenir organiser ouvrir lancer signer prévoir accueillir présider clore clôturer "
    "dérouler conclure adopter approuver annoncer publier réunir rassembler marquer "
    "établir créer mettre installer attirer permettre viser".split()
)
CIRCUMSTANTIAL_FORM = re.compile(
    r"^(?:tenu|organisé|ouvert|lancé|signé|prévu|accueilli|présidé|clos|clôturé|déroulé|"
    r"conclu|adopté|approuvé|annoncé|publié|réuni|marqué|établi|créé|installé)(?:e|s|es)?$"
)
# Organisation heads that, after a minister's title, name a portfolio rather than a body.
WEAK_ORG_HEADS = frozenset(
    "société union groupe organisation organisme zone pôle parc chambre alliance "
    "fédération association entreprise".split()
)
ORDINAL_WORDS = {
    w: i
    for i, ws in enumerate(
        (
            "premier première",
            "deuxième second seconde",
            "troisième",
            "quatrième",
            "cinquième",
            "sixième",
            "septième",
            "huitième",
            "neuvième",
            "dixième",
        ),
        start=1,
    )
    for w in ws.split()
}
FACILITIES = frozenset(
    "aéroport port gare rue avenue boulevard pont stade palais hôtel pagode temple "
    "mausolée université lycée hôpital".split()
)
BARE_NER = frozenset({"ner:LOC", "ner:ORG", "ner:MISC", "rule:acronym"})
PLURAL_HEADS = frozenset(
    "entretiens pourparlers consultations journées recommandations manœuvres".split()
)
# Initiatives that articles often name by description rather than by a proper name
# ("un accord sur la coopération gouvernementale numérique").
DESCRIBED_INITIATIVES = frozenset("agreement declaration report project law resolution".split())
FUNCTION_WORDS = frozenset(
    "de du des la le les l' l’ et à au aux sur pour en entre d' d’ un une".split()
)
# Words that, capitalised at the head of a span, are role titles rather than names.
TITLE_WORDS = frozenset(
    [
        "président",
        "présidente",
        "pm",
        "homologue",
        "premier",
        "première",
        "ministre",
        "vice-ministre",
        "secrétaire",
        "général",
        "générale",
        "ambassadeur",
        "ambassadrice",
        "directeur",
        "directrice",
        "chef",
        "roi",
        "reine",
        "prince",
        "sultan",
        "gouverneur",
        "maire",
        "vice-président",
        "vice-présidente",
        "vice-premier",
        "dirigeant",
        "dirigeante",
        "représentant",
        "représentante",
        "conseiller",
        "conseillère",
        "commissaire",
        "délégué",
        "déléguée",
        "chancelier",
        "chancelière",
        "porte-parole",
        "sénateur",
        "député",
        "docteur",
        "professeur",
    ]
)


@dataclass
class Candidate:
    """A span proposed as an entity mention, before merging."""

    start: int  # token index
    end: int  # token index, exclusive
    type: EntityType
    source: str
    priority: int
    text: str
    start_char: int
    end_char: int
    gazetteer_id: str | None = None
    org_kind: OrgKind | None = None
    event_kind: str | None = None
    edition: int | None = None
    year: int | None = None
    name: str | None = None  # preferred name when the span is longer than the name
    aliases: list[str] = field(default_factory=list)
    nested_ok: bool = False
    anaphoric: bool = False
    nouns: tuple[str, ...] = ()  # the nouns of an event's name, to match references
    initiative_kind: str | None = None


@dataclass
class Gazetteer:
    """Phrase matchers over the lexicon, built once per pipeline."""

    matcher: PhraseMatcher
    entries: dict[str, dict]
    lexicon: Lexicon
    place_keys: frozenset[str]
    country_keys: frozenset[str]


@cache
def _gazetteer(nlp: Language, lexicon: Lexicon) -> Gazetteer:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    entries: dict[str, dict] = {}
    place_keys: set[str] = set()
    country_keys: set[str] = set()

    def add(key: str, phrases: Iterable[str], info: dict) -> None:
        phrases = [p for p in phrases if p]
        phrases += [p.replace("'", "’") for p in phrases if "'" in p]
        if not phrases:
            return
        entries[key] = info
        matcher.add(key, [nlp.make_doc(p) for p in phrases])

    for c in lexicon.countries:
        info = {
            "type": EntityType.COUNTRY,
            "id": f"country/{c.iso}",
            "iso": c.iso,
            "wikidata": c.wikidata,
            "name": c.name,
        }
        add(f"C|{c.iso}", [c.name, *c.aliases], {**info, "form": "name"})
        add(f"A|{c.iso}", c.adjectives, {**info, "form": "adjective"})
        country_keys.update(normalise(n) for n in (c.name, *c.aliases))
    for o in lexicon.organisations:
        kind = {
            "international": OrgKind.INTERNATIONAL,
            "government": OrgKind.GOVERNMENT,
            "company": OrgKind.COMPANY,
        }.get(o.kind)
        add(
            f"O|{o.id}",
            [o.name, *o.aliases],
            {
                "type": EntityType.ORGANISATION,
                "id": f"org/{o.id}",
                "wikidata": o.wikidata,
                "name": o.name,
                "org_kind": kind,
                "form": "name",
            },
        )
    for p in lexicon.places:
        add(
            f"P|{p.name}",
            [p.name, *p.aliases],
            {
                "type": EntityType.PLACE,
                "id": f"place/{slug(p.name)}",
                "wikidata": p.wikidata,
                "name": p.name,
                "country": p.country,
                "form": "name",
            },
        )
        place_keys.update(normalise(n) for n in (p.name, *p.aliases))
    return Gazetteer(matcher, entries, lexicon, frozenset(place_keys), frozenset(country_keys))


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and any(c.isupper() for c in t)))


def _is_name_word(tok: Token, generic: frozenset[str]) -> bool:
    """Capitalised and not a generic acronym ("IA", "5G") nor a sentence's first word."""
    return _is_cap(tok) and len(tok.text) > 1 and tok.text not in generic and not tok.is_sent_start


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def ignored_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges that carry no facts: photo credits, datelines and agency
    signatures, related-headline lists and page furniture."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if end >= len(text.rstrip()) and _truncated(stripped):
            last = _last_sentence(line)
            ranges.append((end - len(last), end))
            if len(last) == len(line):
                continue
        if stripped.startswith((">>", "»»", "|")) or is_english(stripped):
            ranges.append((start, end))
            continue
        # A bullet that does not end like a sentence is a link to another article.
        if (
            stripped.startswith(("- ", "• ", "* "))
            and not stripped.endswith((".", "!", "?", ":", ";", "»", ")"))
            and len(stripped) < 200
        ):
            ranges.append((start, end))
            continue
        # "- Promotion du partenariat public-privé : Il œuvre…": the label before the
        # colon is a heading, not a name.
        m = re.match(r"^\s*(?:[-•*]\s+)?([^:.]{2,60}?)\s:\s", line)
        if (
            m
            and len(m.group(1).split()) <= 6
            and stripped[:1] in "-•*" + "ABCDEFGHIJKLMNOPQRSTUVWXYZÉÈ"
        ) and (
            stripped.startswith(("- ", "• ", "* "))
            or not any(w[:1].isupper() for w in m.group(1).split()[1:])
        ):
            ranges.append((start + m.start(1), start + m.end(1)))
        if re.fullmatch(r"[A-Z/ |.\-–]{2,20}", stripped):
            ranges.append((start, end))
            continue
        m = CREDIT.search(line)
        if m:
            cut = end
            if not re.match(r"(?i)(?:lire|voir)", m.group()):
                # "Photo : VNA Le secrétaire général…": a page that glued the caption's
                # credit to the text; the text goes on at the first sentence opener
                after = SENTENCE_OPENER.search(line, m.end())
                if after:
                    cut = start + after.start()
            ranges.append((start + m.start(), cut))
        m = DATELINE.match(line)
        if m:  # "Hanoi (VNA) -": the agency is no entity; the place is (the guide)
            ranges.append((start + m.start(1) - 1, start + m.end(1) + 1))
        m = TRAILING_AGENCY.search(line)
        if m and m.start(1) > 0:
            ranges.append((start + m.start(1), start + m.end(1)))
    return ranges


def _last_sentence(line: str) -> str:
    """The last sentence of a line, also where a page glued sentences ("régional.La")."""
    return SENTENCE_END.split(line)[-1]


def _truncated(line: str) -> bool:
    """The last line of an excerpt cut at a fixed length: long, and ending mid-sentence
    (an agency signature such as "./.-VNA" is an ending)."""
    last = _last_sentence(line)
    m = TRAILING_AGENCY.search(last)
    if m and m.start(1) > 0:
        last = last[: m.start(1)]
    return len(last.split()) >= 6 and not last.rstrip(" -–—").endswith(
        (".", "!", "?", "»", '"', "”", ")", ":", "…")
    )


def is_english(line: str) -> bool:
    """A passage in English (some pages mix languages): the French model misreads it."""
    words = re.findall(r"[a-zA-Z]+", line.lower())
    if len(words) < 4:
        return False
    return sum(w in ENGLISH for w in words) / len(words) > 0.12


class FinderBase:
    """The parsed article, its gazetteer matches and the spans to skip: what every
    candidate rule reads."""

    def __init__(self, doc: Doc, nlp: Language, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.gaz = _gazetteer(nlp, lexicon)
        self.ignored = ignored_ranges(doc.text)
        self.skip_tokens: set[int] = set()
        for tok in doc:
            if any(a <= tok.idx < b for a, b in self.ignored):
                self.skip_tokens.add(tok.i)
        self.gaz_spans: dict[tuple[int, int], dict] = {}
        self._honorifics = {h.rstrip(".") for h in lexicon.honorifics}
        # acronyms the article defines for common words: "le calcul à haute performance
        # (CHP)" abbreviates a term, wherever it is used afterwards
        self.term_acronyms = {
            doc[i].text
            for i in range(len(doc))
            if ACRONYM.match(doc[i].text) and self._defines_a_term(i, i + 1)
        }

    # ------------------------------------------------------------------ helpers
    def _cand(
        self, start: int, end: int, etype: EntityType, source: str, priority: int, **kw: object
    ) -> Candidate:
        span = self.doc[start:end]
        return Candidate(
            start=start,
            end=end,
            type=etype,
            source=source,
            priority=priority,
            text=span.text,
            start_char=span.start_char,
            end_char=span.end_char,
            **kw,
        )  # type: ignore[arg-type]

    def _skipped(self, start: int, end: int) -> bool:
        return any(i in self.skip_tokens for i in range(start, end))

    def _gaz_span_at(self, i: int) -> tuple[int, int] | None:
        for a, b in self.gaz_spans:
            if a <= i < b:
                return a, b
        return None

    def _gaz_at(self, i: int) -> dict | None:
        for (a, b), info in self.gaz_spans.items():
            if a <= i < b:
                return info
        return None

    # ---------------------------------------------------------------- gazetteer
    def gazetteer(self) -> list[Candidate]:
        doc = self.doc
        matches = sorted(self.gaz.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        out: list[Candidate] = []
        taken: set[int] = set()
        for match_id, start, end in matches:
            if taken & set(range(start, end)):
                continue
            key = doc.vocab.strings[match_id]
            info = self.gaz.entries[key]
            span = doc[start:end]
            if info["form"] == "name":
                entry_text = info["name"]
                if not _is_cap(span[0]) and entry_text[:1].isupper():
                    continue
                if (
                    span.text.isupper() is False
                    and all(n.isupper() for n in [entry_text] if ACRONYM.match(n))
                    and ACRONYM.match(span.text)
                    and not span.text.istitle()
                ):
                    continue
            if self._skipped(start, end):
                continue
            if info["type"] == EntityType.PLACE and self._role_context_gaz(start):
                continue  # "ministre de l'Europe et des Affaires étrangères"
            taken.update(range(start, end))
            self.gaz_spans[(start, end)] = info
            out.append(
                self._cand(
                    start,
                    end,
                    info["type"],
                    f"gazetteer:{info['form']}",
                    100,
                    gazetteer_id=info["id"],
                    org_kind=info.get("org_kind"),
                    name=info["name"] if info["form"] == "adjective" else None,
                    nested_ok=True,
                )
            )
        return out

    # ------------------------------------------------------------ noun phrases

    def _defines_a_term(self, start: int, end: int) -> bool:
        """ "le calcul à haute performance (CHP)": an acronym in parentheses after common
        words abbreviates a term, not a name."""
        doc = self.doc
        return (
            end - start == 1
            and start >= 2
            and end < len(doc)
            and doc[start - 1].text == "("
            and doc[end].text == ")"
            and doc[start - 2].is_lower
            and doc[start - 2].is_alpha
        )
