"""Noun-phrase rules: event, initiative and organisation names read from their head word.

A phrase is read left to right from a head word of the lexicon ("conférence", "protocole
d'accord", "ministère") with stop rules; one that something marks as a specific, named
thing (an ordinal, a year, a capital letter, a quotation, an acronym) is proposed as a
name, and the others as generic phrases for the entity model to judge.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.candidates import (
    ACRONYM,
    CIRCUMSTANTIAL,
    CIRCUMSTANTIAL_FORM,
    DEFINITE,
    DEMONSTRATIVE,
    DESCRIBED_INITIATIVES,
    NAME_PARTICIPLES,
    NP_PREPOSITIONS,
    ORDINAL,
    ORDINAL_WORDS,
    PLURAL_HEADS,
    POSSESSIVE,
    QUANTITY,
    TITLE_WORDS,
    WEAK_ORG_HEADS,
    YEAR,
    Candidate,
    FinderBase,
    _is_cap,
    _is_name_word,
)
from kg.extract.grouping import abbreviates_tail
from kg.extract.text import loose_key
from kg.model import EntityType, OrgKind

if TYPE_CHECKING:
    pass


class PhraseRules(FinderBase):
    """Event, initiative and organisation phrases."""

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
