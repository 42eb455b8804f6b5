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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon
from kg.extract.text import loose_key, normalise
from kg.model import EntityType, OrgKind
from kg.namespace import slug

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

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
DATELINE = re.compile(r"^\s*[\w’'\- ]{2,40}\(([A-Z]{2,6}(?:/[A-Z]{2,6})?)\)\s*[-–—]")
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
            last = re.split(r"(?<=[.!?»])\s+", line)[-1]
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
            ranges.append((start + m.start(), end))
        m = DATELINE.match(line)
        if m:  # "Hanoi (VNA) -": the agency is no entity; the place is (the guide)
            ranges.append((start + m.start(1) - 1, start + m.end(1) + 1))
        m = TRAILING_AGENCY.search(line)
        if m and m.start(1) > 0:
            ranges.append((start + m.start(1), start + m.end(1)))
    return ranges


def _truncated(line: str) -> bool:
    """The last line of an excerpt cut at a fixed length: long, and ending mid-sentence."""
    last = re.split(r"(?<=[.!?»])\s+", line)[-1]
    return len(last.split()) >= 6 and not last.rstrip().endswith(
        (".", "!", "?", "»", '"', "”", ")", ":", "…")
    )


def is_english(line: str) -> bool:
    """A passage in English (some pages mix languages): the French model misreads it."""
    words = re.findall(r"[a-zA-Z]+", line.lower())
    if len(words) < 4:
        return False
    return sum(w in ENGLISH for w in words) / len(words) > 0.12


class EntityFinder:
    """Finds entity candidates in one parsed article."""

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
    def _head_match(self, i: int, heads: dict[str, str]) -> tuple[int, str, str] | None:
        """Longest multiword head starting at token i: (length, head, kind)."""
        doc = self.doc
        best = None
        for n in (4, 3, 2, 1):
            if i + n > len(doc):
                continue
            words = doc[i : i + n]
            for form in (
                [t.lower_ for t in words],
                [t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in words],
            ):  # "accords", "rencontres": a plural head is the head all the same
                phrase = " ".join(form).replace("’", "'")
                phrase = phrase.replace("d' ", "d'").replace("l' ", "l'")
                if phrase in heads:
                    return (n, phrase, heads[phrase])
        return best

    def _determiner(self, i: int) -> str:
        if i < 0:
            return "none"
        tok = self.doc[i]
        low = tok.lower_.replace("’", "'")
        if low in DEMONSTRATIVE:
            return "demonstrative"
        if low in POSSESSIVE:
            return "possessive"
        if low in ("un", "une"):
            return "indefinite-singular"
        if low in QUANTITY or tok.like_num:
            return "quantity"
        if low in ("des", "de", "d'") and tok.pos_ == "DET":
            return "indefinite"
        if low in ("un", "une"):
            return "indefinite-singular"
        if low in DEFINITE or low == "des":
            return "definite"
        return "none"

    def _place_follows(self, j: int) -> bool:
        """True when the tokens from j name a place or country ("à Hanoï", "en Chine")."""
        doc = self.doc
        k = j
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k >= len(doc):
            return False
        info = self._gaz_at(k)
        if info and info["type"] in (EntityType.PLACE, EntityType.COUNTRY):
            return True
        return doc[k].ent_type_ == "LOC" and _is_cap(doc[k])

    def _is_head(self, i: int) -> bool:
        lex = self.lexicon
        return any(
            self._head_match(i, heads)
            for heads in (lex.event_heads, lex.initiative_heads, lex.organisation_heads)
        )

    def _role_context_gaz(self, start: int) -> bool:
        doc = self.doc
        k = start - 1
        while k >= 0 and doc[k].pos_ in ("DET", "ADP") and start - k <= 3:
            k -= 1
        return k >= 0 and (
            doc[k].lower_ in TITLE_WORDS
            or doc[k].lower_ in self.lexicon.roles
            or (doc[k].pos_ == "ADJ" and k > 0 and doc[k - 1].lower_ in TITLE_WORDS)
        )

    def _role_context(self, start: int) -> bool:
        """Whether a role title stands shortly before ``start`` with only the words of a
        post in between ("ministre de l'économie et de la société numériques")."""
        doc = self.doc
        k = start - 1
        while k >= 0 and start - k <= 10 and doc[k].sent == doc[start].sent:
            t = doc[k]
            low = t.lower_
            if low in TITLE_WORDS or low in self.lexicon.roles:
                return True
            if t.pos_ in ("DET", "ADP", "CCONJ") or (t.pos_ in ("ADJ", "NOUN") and not _is_cap(t)):
                k -= 1
                continue
            if _is_cap(t) and t.pos_ in ("NOUN", "ADJ"):  # "Affaires étrangères"
                k -= 1
                continue
            return False
        return False

    def _scan_right(self, j: int, category: str, kind: str) -> tuple[int, dict]:
        """Extend a noun phrase from token j, the first token after its head word.

        Returns the end (exclusive) and what was seen on the way: capitalised words,
        a quotation, an acronym in parentheses, a year, a theme ("sur le thème « … »").
        """
        doc = self.doc
        marks: dict = {
            "cap": False,
            "quote": False,
            "acronym": None,
            "year": None,
            "theme": False,
            "entre": False,
            "parties": [],
        }
        head_end = j
        et_count = 0
        sent_end = doc[j - 1].sent.end
        while j < sent_end:
            tok = doc[j]
            low = tok.lower_.replace("’", "'")
            prev = doc[j - 1]
            if j in self.skip_tokens or "\n" in tok.text:
                break
            known = self._gaz_span_at(j)
            if known is not None and known[0] == j and j > head_end - 1:
                j = known[1]  # a known name inside the phrase is taken whole
                if _is_name_word(tok, self.lexicon.generic_acronyms):
                    marks["cap"] = True
                continue
            glued = j > 0 and not prev.whitespace_ and prev.text in ("-", "–") and tok.is_alpha
            if glued:  # "Hydrogen-to-Power": one word split by the tokenizer
                if _is_name_word(tok, self.lexicon.generic_acronyms):
                    marks["cap"] = True
                j += 1
                continue
            if (
                tok.text == ":"
                and prev.lower_ == "thème"
                and j + 1 < sent_end
                and doc[j + 1].text == "«"
            ):
                j += 1
                continue
            if tok.text == "«":
                close = next(
                    (k for k in range(j + 1, min(j + 40, sent_end)) if doc[k].text == "»"), None
                )
                if close is None:
                    break
                marks["quote"] = True
                marks["quote_text"] = doc[j + 1 : close].text.strip()
                j = close + 1
                continue
            if tok.text == "(":
                close = next(
                    (k for k in range(j + 1, min(j + 5, sent_end)) if doc[k].text == ")"), None
                )
                inner = doc[j + 1 : close] if close else None
                if (
                    inner is not None
                    and len(inner)
                    and ACRONYM.match(inner[0].text)
                    and all(ACRONYM.match(t.text) or YEAR.match(t.text) for t in inner)
                ):
                    marks["acronym"] = (j + 1, close)
                    j = close + 1
                    continue
                break
            if tok.text in ("-", "–", "—", "--"):
                nxt = doc[j + 1] if j + 1 < sent_end else None
                if nxt is not None and (
                    (_is_cap(nxt) and _is_cap(prev))
                    or (not tok.whitespace_ and not prev.whitespace_)
                ):
                    j += 1
                    continue
                break
            if tok.is_punct and tok.text not in ("'", "’", "+"):
                break
            if category == "organisation" and tok.ent_type_ == "PER" and tok.ent_iob_ == "B":
                break  # "le président du Parlement Tan Chuan-Jin": the name is a person's
            if tok.is_alpha and _is_cap(tok) and _is_cap(prev) and prev.is_alpha:
                j += 1  # "Emmanuel Macron": a name goes on, however the tagger reads it
                marks["cap"] = True
                continue
            if tok.pos_ in ("PRON", "SCONJ", "ADV") or CIRCUMSTANTIAL_FORM.match(low):
                break
            if tok.pos_ in ("VERB", "AUX"):
                participle = "Part" in tok.morph.get("VerbForm")
                right_after_head = all(t.pos_ == "ADJ" for t in doc[head_end:j])
                if participle and (
                    tok.lemma_ in NAME_PARTICIPLES
                    or (right_after_head and tok.lemma_ not in CIRCUMSTANTIAL)
                ):
                    j += 1
                    continue
                break
            if tok.pos_ == "ADP" or low in NP_PREPOSITIONS:
                if low not in NP_PREPOSITIONS or j + 1 >= sent_end:
                    break
                nxt = doc[j + 1]
                if low == "entre":
                    if nxt.lower_ in ("de", "des", "d'", "d’") or not any(
                        _is_name_word(t, self.lexicon.generic_acronyms)
                        for t in doc[j + 1 : min(j + 5, sent_end)]
                    ):
                        break  # "entre de grandes entreprises", "entre acteurs": no names
                    marks["entre"] = True
                    marks["parties"].append(j + 1)
                elif low in ("à", "au", "aux", "en"):
                    if YEAR.match(nxt.text) or nxt.like_num:
                        break
                    place = self._place_follows(j + 1)
                    if category == "event" and place != (kind == "visit"):
                        break  # "Forum X à Hanoï" vs "visite officielle à Singapour"
                    if category == "organisation" and not place:
                        break
                elif low == "sur":
                    if category == "organisation":
                        break
                    if nxt.lower_ == "le" and j + 2 < sent_end and doc[j + 2].lower_ == "thème":
                        marks["theme"] = True
                j += 1
                continue
            if tok.pos_ == "DET":
                if prev.pos_ == "ADP" or prev.lower_ in NP_PREPOSITIONS or prev.lower_ == "et":
                    j += 1
                    continue
                break
            if tok.pos_ == "CCONJ":
                if low != "et" or j + 1 >= sent_end:
                    break
                k = j + 1
                while k < sent_end and (
                    doc[k].lower_.replace("’", "'") in NP_PREPOSITIONS or doc[k].pos_ == "DET"
                ):
                    k += 1
                if k >= sent_end:
                    break
                after = doc[k]
                ok = False
                if marks["entre"] and et_count == 0:
                    ok = True
                    marks["parties"].append(j + 1)
                elif self._is_head(k):
                    ok = False  # "au Centre X et au Fonds Y": two names
                elif k > j + 1:  # "des Sciences et des Technologies"
                    # "Institut de stratégie et de développement des transports", also as
                    # the second party of an agreement "entre HDF Energy et l'Institut …"
                    ok = (_is_cap(after) and _is_cap(prev)) or (
                        (
                            (category == "organisation" and not marks["cap"])
                            or (
                                marks["entre"]
                                and et_count == 1
                                and any(_is_cap(t) for t in doc[max(0, j - 3) : j])
                            )
                        )
                        and doc[j + 1].lower_ in ("de", "d'", "d’")
                        and after.pos_ == "NOUN"
                    )
                else:  # "Postes et Télécommunications", not "Thales et VNPT"
                    ok = _is_cap(after) and _is_cap(prev) and after.pos_ != "PROPN"
                if not ok:
                    break
                et_count += 1
                j += 1
                continue
            if tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X", "SYM", "PART") or tok.text in (
                "'",
                "’",
                "+",
            ):
                if tok.pos_ == "NUM" and not YEAR.match(tok.text) and not tok.text.isdigit():
                    break
                if YEAR.match(tok.text):
                    marks["year"] = int(tok.text)
                if _is_name_word(tok, self.lexicon.generic_acronyms):
                    marks["cap"] = True
                j += 1
                continue
            break
        return j, marks

    def _trim(self, start: int, end: int) -> int:
        doc = self.doc
        while end > start + 1 and (
            doc[end - 1].lower_.replace("’", "'")
            in NP_PREPOSITIONS | {"et", "la", "le", "les", "l'", "ou"}
            or doc[end - 1].pos_ in ("DET", "ADP", "CCONJ")
            or doc[end - 1].text in ("-", "–", "—", "'", "’")
        ):
            end -= 1
        return end

    def noun_phrases(self) -> list[Candidate]:
        doc = self.doc
        lex = self.lexicon
        out: list[Candidate] = []
        tables = (
            ("event", lex.event_heads, EntityType.EVENT),
            ("initiative", lex.initiative_heads, EntityType.INITIATIVE),
            ("organisation", lex.organisation_heads, EntityType.ORGANISATION),
        )
        for i, tok in enumerate(doc):
            if i in self.skip_tokens or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
                continue
            best = None
            for category, heads, etype in tables:
                m = self._head_match(i, heads)
                if m and (best is None or m[0] > best[0][0]):
                    best = (m, category, etype)
            if best is None:
                continue
            (n, head, kind), category, etype = best
            if self._gaz_at(i) is not None:
                continue  # the word belongs to a known name ("Forum économique mondial")
            prev = doc[i - 1] if i > 0 else None
            if (
                prev is not None
                and not _is_cap(tok)
                and prev.lower_.replace("’", "'") in ("de", "d'")
                and i > 1
                and doc[i - 2].pos_ == "NOUN"
            ):
                continue  # a complement of another noun: "protocoles d'accord"
            plural = doc[i + n - 1].morph.get("Number") == ["Plur"] and head not in PLURAL_HEADS
            out.extend(self._noun_phrase(i, n, head, kind, category, etype, generic=plural))
        return out

    def _specific(
        self,
        category: str,
        kind: str,
        head: str,
        det: str,
        strong: bool,
        content_after: int,
        nouns_after: int,
        marks: dict,
        ordinal: int | None,
        head_cap: bool,
    ) -> str | None:
        """Whether a noun phrase names one specific thing: "named", "anaphor" (a definite
        reference back to an event named earlier) or None (generic: not an entity)."""
        multiword = " " in head or "'" in head
        if category == "organisation":
            if det in ("demonstrative", "possessive", "quantity", "indefinite"):
                return None
            return "named" if marks["cap"] or head_cap else None
        if det in ("possessive", "quantity", "indefinite") and not (
            ordinal or marks["quote"] or marks["theme"]
        ):
            return None
        if category == "event":
            if strong:
                return "named"
            if det in ("definite", "demonstrative") and nouns_after == 0 and not multiword:
                return "anaphor"
            if det == "demonstrative":
                return None
            if kind == "visit":
                return "named" if content_after >= 1 else None
            if det == "definite" and (multiword or content_after >= 2):
                return "named"
            if det == "indefinite-singular" and multiword:
                return "named"  # "une cérémonie de signature d'accords"
            return None
        # initiatives
        if strong:
            return "named"
        if det in ("definite", "demonstrative") and nouns_after == 0:
            return "anaphor"  # "le protocole d'accord", "ce programme"
        if (
            kind in DESCRIBED_INITIATIVES
            and det in ("definite", "indefinite-singular")
            and (content_after >= 2)
        ):
            return "named"
        return None

    def _noun_phrase(
        self,
        i: int,
        n: int,
        head: str,
        kind: str,
        category: str,
        etype: EntityType,
        generic: bool = False,
    ) -> list[Candidate]:
        """One event, initiative or organisation phrase from its head word.

        A phrase the rules judge generic ("une visite", "des accords") is still proposed,
        marked ``generic`` and at a low priority: the guide counts unnamed but specific
        happenings and documents, and only the entity model, which sees the context, can
        tell them from generic ones.
        """
        doc = self.doc
        start = i
        ordinal = None
        while start > 0 and doc[start - 1].sent == doc[i].sent:
            prev = doc[start - 1]
            if ORDINAL.match(prev.text):
                ordinal = int(re.match(r"\d+", prev.text).group())  # type: ignore[union-attr]
                start -= 1
            elif (
                prev.lower_ in ("e", "ᵉ", "er", "ème")
                and start >= 2
                and doc[start - 2].text.isdigit()
            ):  # "la 6 e réunion"
                ordinal = int(doc[start - 2].text)
                start -= 2
            elif category == "event" and prev.lower_ in ORDINAL_WORDS:  # "la deuxième réunion"
                ordinal = ORDINAL_WORDS[prev.lower_]
                start -= 1
            elif (
                prev.pos_ == "ADJ"
                and prev.head.i in range(i, i + n)
                and prev.lower_ not in QUANTITY
                and not prev.lower_.startswith(("premi", "derni"))
            ):
                start -= 1
            else:
                break
        det = self._determiner(start - 1)
        if start >= 2 and doc[start - 2].lower_ in ("comme", "devenu", "devenue", "devient"):
            return []  # "émerge comme un nouveau centre": a description, not a name
        end, marks = self._scan_right(i + n, category, kind)
        end = self._trim(start, end)
        if marks["acronym"] and marks["acronym"][1] + 1 == end:
            end = marks["acronym"][0] - 1
            marks["acronym_closes"] = True
        if end <= start:
            return []
        head_cap = (
            _is_cap(doc[i])
            and not doc[i].is_sent_start
            and doc[i - 1].text not in (":", "«", '"', "“")
        )
        after = doc[i + n : end]
        content_after = sum(1 for t in after if t.pos_ in ("NOUN", "PROPN", "ADJ"))
        nouns_after = sum(1 for t in after if t.pos_ in ("NOUN", "PROPN"))
        strong = bool(
            ordinal
            or marks["year"]
            or marks["quote"]
            or marks["acronym"]
            or marks["cap"]
            or head_cap
            or marks["theme"]
        )
        verdict = self._specific(
            category, kind, head, det, strong, content_after, nouns_after, marks, ordinal, head_cap
        )
        if generic or verdict is None:
            if category == "organisation":
                return []
            verdict = "generic"
        if (
            category == "organisation"
            and self._role_context(start)
            and (not head_cap or head in WEAK_ORG_HEADS)
        ):
            return []  # "ministre … de la Société numériques" is a post, not a body
        name = None
        aliases: list[str] = []
        if marks.get("acronym_closes"):
            a, b = marks["acronym"]
            acronym = doc[a:b].text
            if not abbreviates_tail(doc, start, a - 1, acronym):
                aliases.append(acronym)
        quote = marks.get("quote_text")
        if quote and (category != "event" or marks["theme"]):
            aliases.append(quote)
        if quote and category == "event" and marks["theme"] and (ordinal or head_cap):
            theme_at = next(
                (
                    k
                    for k in range(i + n, end)
                    if doc[k].lower_ == "sur" and k + 2 < end and doc[k + 2].lower_ == "thème"
                ),
                None,
            )
            if theme_at is not None:
                name = doc[start:theme_at].text
        if category == "initiative":
            # "l'initiative Digital ASEAN", "le programme phare Aus4Innovation": the name is
            # the capitalised part that follows the head word
            k = i + n
            while k < end and doc[k].pos_ == "ADJ" and not _is_cap(doc[k]):
                k += 1
            if (
                k < end
                and _is_cap(doc[k])
                and doc[k - 1].lower_ not in NP_PREPOSITIONS
                and not head_cap
            ):
                run_end = k
                while run_end < end and (
                    _is_cap(doc[run_end]) or doc[run_end].like_num or doc[run_end].text == "-"
                ):
                    run_end += 1
                if run_end == end:
                    name = doc[k:end].text
                    aliases.append(doc[start:end].text)
        if (
            category == "event"
            and end > i + n
            and all(
                (info := self._gaz_at(k)) is not None and info.get("form") == "adjective"
                for k in range(i + n, end)
            )
        ):
            # "le Congrès américain", "le Parlement européen": an assembly of a country
            category, etype, kind = "organisation", EntityType.ORGANISATION, "government"
        org_kind = None
        if category == "organisation":
            org_kind = {"government": OrgKind.GOVERNMENT, "company": OrgKind.COMPANY}.get(kind)
        nouns = tuple(
            loose_key(" ".join(t.text for t in doc[i:end] if t.pos_ in ("NOUN", "PROPN")))
        )
        generic_source = "-generic" if verdict == "generic" else ""
        out = [
            self._cand(
                start,
                end,
                etype,
                f"rule:{category}{generic_source}",
                (10 if generic_source else 60) + min(end - start, 30),
                nouns=nouns,
                event_kind=kind if category == "event" else None,
                edition=ordinal if category == "event" else None,
                year=marks["year"] if category == "event" else None,
                org_kind=org_kind,
                name=name,
                aliases=aliases,
                nested_ok=True,
                anaphoric=verdict == "anaphor",
                initiative_kind=kind if category == "initiative" else None,
            )
        ]
        if category == "initiative" and kind == "agreement" and not generic_source:
            out.extend(self._parties(marks["parties"], end))
        return out

    def _parties(self, starts: list[int], end: int) -> list[Candidate]:
        """ "accord entre Olmix et Hoa Phat": the parties of an agreement are actors; a
        capitalised name there that nothing else types is taken as an organisation."""
        doc = self.doc
        out = []
        for j in starts:
            while j < end and doc[j].pos_ == "DET":
                j += 1
            k = j
            while k < end and (_is_cap(doc[k]) or (k > j and doc[k].text == "-")):
                k += 1
            if k > j and not any(self._gaz_at(x) for x in range(j, k)) and not self._is_head(j):
                out.append(
                    self._cand(j, k, EntityType.ORGANISATION, "rule:party", 71, nested_ok=True)
                )
        return out

    # ------------------------------------------------------------------ people
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
        return out

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


def _person_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", normalise(name)) if w]


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def same_person(a: str, b: str) -> str | None:
    """Why two person names of one article are the same person, or None.

    >>> same_person("Baker", "Jonathan Baker")
    'short form'
    >>> same_person("Johnathan Bake", "Jonathan Baker")
    'spelling variant'
    >>> same_person("Joe Biden", "Joseph Robinette Biden")
    'first-name variant'
    >>> same_person("Hun Manet", "Hun Sen") is None
    True
    """
    ta, tb = _person_tokens(a), _person_tokens(b)
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
        len(ta) == len(tb)
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
                    len(_person_tokens(n)) == 1 and same_person(n, m) == "short form"
                    for n in b.names
                    for m in a.names
                )
            ):
                return "short form"  # "Kishida" tagged as a place, after "Fumio Kishida"
        return None
    if g.type == EntityType.PERSON:
        full_g = [n for n in g.names if len(_person_tokens(n)) >= 2]
        full_h = [n for n in h.names if len(_person_tokens(n)) >= 2]
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
