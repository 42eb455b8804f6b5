"""Features of the three learned decisions, from the spaCy parse and its word vectors.

One function per decision, used alike by extraction (to decide) and by ``kg.learn`` (to
train), so that a model always sees at prediction time the features it was trained on.
Features are sparse ``name → value`` dicts; names say what they test ("head=visite",
"btw=à"), so that a model's weights can be read.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.context import AGENTS, Context
from kg.model import EntityType, Mention, Relation, Sentence
from kg.model import Predicate as P

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.grouping import Group

E = EntityType
VECTOR_DIMS = 300
VECTOR_SCALE = 0.15

# Which predicates the guide allows between two types (subject type, object type).
ALLOWED: dict[P, tuple[tuple[E, ...], tuple[E, ...]]] = {
    P.HOLDS_ROLE: ((E.PERSON,), (E.ORGANISATION, E.COUNTRY)),
    P.PARTICIPATES_IN: (AGENTS, (E.EVENT,)),
    P.ORGANISES: (AGENTS, (E.EVENT,)),
    P.LOCATED_IN: ((E.EVENT, E.ORGANISATION, E.PLACE, E.INITIATIVE), (E.PLACE, E.COUNTRY)),
    P.PART_OF: ((E.EVENT, E.ORGANISATION), (E.EVENT, E.ORGANISATION)),
    P.MEMBER_OF: ((E.COUNTRY, E.ORGANISATION), (E.ORGANISATION,)),
    P.LEADS: (AGENTS, (E.INITIATIVE,)),
    P.PARTNER_OF: (AGENTS, AGENTS),
    P.SIGNS: (AGENTS, (E.INITIATIVE,)),
}
BOTH_PARTIES = re.compile(
    r"\b(?:les|des|aux) deux (?:pays|parties|côtés|nations|gouvernements|partenaires|"
    r"dirigeants|ministres|présidents|premiers ministres|chefs)\b",
    re.IGNORECASE,
)


OPENER = re.compile(
    r"^\W*(Il|Elle|Ils|Elles|Nous|Les deux|Ces|Cette|Le Premier ministre|Le président|"
    r"Le ministre|La ministre|Les ministres|Les dirigeants|Les parties|Selon)\b"
)


def allowed(subject: E, obj: E) -> tuple[P, ...]:
    """The predicates the guide allows from a ``subject`` type to an ``obj`` type."""
    return tuple(p for p, (s, o) in ALLOWED.items() if subject in s and obj in o)


def _bucket(n: int, cuts: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13)) -> str:
    for c in cuts:
        if n <= c:
            return str(c)
    return f">{cuts[-1]}"


def _vector(tok: Token, prefix: str, out: dict[str, float]) -> None:
    if tok.has_vector:
        v = tok.vector
        norm = float((v @ v) ** 0.5) or 1.0
        for k in range(min(VECTOR_DIMS, len(v))):
            out[f"{prefix}{k}"] = float(v[k]) / norm * VECTOR_SCALE * 10


def _mean_vector(tokens: Span, prefix: str, out: dict[str, float]) -> None:
    """The direction of a stretch of text's content words: what it is about, in a form
    that carries over to words the training articles never used."""
    content = [t for t in tokens if t.pos_ in ("VERB", "NOUN", "ADJ") and t.has_vector]
    if content:
        mean = sum(t.vector for t in content) / len(content)
        norm = float((mean @ mean) ** 0.5) or 1.0
        for k in range(min(VECTOR_DIMS, len(mean))):
            out[f"{prefix}{k}"] = float(mean[k]) / norm * VECTOR_SCALE * 10


def _lower(tok: Token) -> str:
    return tok.lower_.replace("’", "'")


# --------------------------------------------------------------------------- entities


def entity_features(doc: Doc, group: Group, sentences: tuple[Sentence, ...]) -> dict[str, float]:
    """What the entity model sees of one group of candidate mentions."""
    f: dict[str, float] = {}
    members = sorted(group.members, key=lambda c: c.start)
    first = members[0]
    best = group.best
    rtype = group.type.value
    f[f"rtype={rtype}"] = 1
    for c in members:
        f[f"src={c.source}"] = 1
        f[f"src={c.source}|{rtype}"] = 1
    f[f"nment={_bucket(len({(c.start_char, c.end_char) for c in members}))}"] = 1
    f[f"nsrc={_bucket(len({c.source for c in members}))}"] = 1
    if group.gazetteer_id:
        f["gaz"] = 1
        f[f"gaz={group.gazetteer_id.split('/')[0]}"] = 1
    if all(c.source.endswith("-generic") for c in members):
        f["all_generic"] = 1
    if any(c.anaphoric for c in members):
        f["anaphoric"] = 1
    for c in (first, best):
        span = doc[c.start : c.end]
        tag = "1" if c is first else "b"
        root = span.root
        f[f"root{tag}={root.lemma_.lower()}"] = 1
        f[f"root{tag}={root.lemma_.lower()}|{rtype}"] = 1
        f[f"first{tag}={_lower(span[0])}"] = 1
        f[f"last{tag}={_lower(span[-1])}"] = 1
        f[f"pos{tag}={root.pos_}"] = 1
        f[f"len{tag}={_bucket(len(span), (1, 2, 3, 4, 6, 9))}"] = 1
        caps = sum(1 for t in span if t.text[:1].isupper())
        f[f"caps{tag}={_bucket(caps, (0, 1, 2, 3))}"] = 1
        if span.text.isupper() and len(span.text) > 1:
            f[f"upper{tag}"] = 1
        if any(t.like_num for t in span):
            f[f"num{tag}"] = 1
        ner = {t.ent_type_ for t in span if t.ent_type_}
        for lab in ner:
            f[f"ner{tag}={lab}"] = 1
        if c.start > 0:
            prev = doc[c.start - 1]
            f[f"prev{tag}={_lower(prev)}"] = 1
            if c.start > 1:
                f[f"prev2{tag}={_lower(doc[c.start - 2])} {_lower(prev)}"] = 1
        if c.end < len(doc):
            f[f"next{tag}={_lower(doc[c.end])}"] = 1
        f[f"dep{tag}={root.dep_}"] = 1
        f[f"headlemma{tag}={root.head.lemma_.lower()}"] = 1
    _vector(doc[first.start : first.end].root, "v", f)
    sent = doc[first.start].sent
    if sent.start == 0 or (sentences and first.start_char < sentences[0].end):
        f["in_headline"] = 1
    labels = Counter(ent.label_ for ent in sent.ents)
    for lab in ("PER", "LOC", "ORG"):
        f[f"sent_{lab}={_bucket(labels[lab], (0, 1, 2))}"] = 1
    for t in sent:
        if t.pos_ == "VERB":
            f[f"sverb={t.lemma_.lower()}"] = 1
            f[f"sverb={t.lemma_.lower()}|{rtype}"] = 1
    det = _lower(doc[first.start - 1]) if first.start > 0 else ""
    f[f"det={det}|{rtype}"] = 1
    generic = "gen" if all(c.source.endswith("-generic") for c in members) else "spec"
    f[f"{generic}|root={doc[first.start : first.end].root.lemma_.lower()}"] = 1
    f[f"{generic}|{rtype}"] = 1
    if first.event_kind:
        f[f"event_kind={first.event_kind}"] = 1
    if first.initiative_kind:
        f[f"initiative_kind={first.initiative_kind}"] = 1
    if first.org_kind:
        f[f"org_kind={first.org_kind.value}"] = 1
    if first.edition is not None:
        f["edition"] = 1
    if first.year is not None:
        f["year"] = 1
    if group.names and any("(" in n or "«" in n for n in group.names):
        f["bracketed"] = 1
    return f


def nesting_features(groups: list[Group]) -> list[dict[str, float]]:
    """Per group, how its mentions sit in other groups' mentions: the guide does not count
    a name inside another name ("Jakarta" in "Forum de Jakarta") unless the article also
    names it on its own."""
    spans = [(c.start_char, c.end_char, k) for k, g in enumerate(groups) for c in g.members]
    out: list[dict[str, float]] = []
    for k, g in enumerate(groups):
        inside = outside = 0
        contains = 0
        for c in g.members:
            nested = any(
                k2 != k
                and a <= c.start_char
                and c.end_char <= b
                and (a, b) != (c.start_char, c.end_char)
                for a, b, k2 in spans
            )
            inside += nested
            outside += not nested
            contains += any(
                k2 != k
                and c.start_char <= a
                and b <= c.end_char
                and (a, b) != (c.start_char, c.end_char)
                for a, b, k2 in spans
            )
        rtype = g.type.value
        f: dict[str, float] = {}
        if inside and not outside:
            f["nested_only"] = 1
            f[f"nested_only|{rtype}"] = 1
        elif inside:
            f[f"nested_some|{rtype}"] = 1
        if contains:
            f[f"contains|{rtype}"] = 1
        out.append(f)
    return out


# -------------------------------------------------------------------------- relations


@dataclass(frozen=True)
class PairCandidate:
    """Two entities seen together in one sentence: a candidate for each allowed predicate."""

    subject: str
    object: str
    sentence: int
    features: dict[str, float]
    predicates: tuple[P, ...]


def _tokens(doc: Doc, m: Mention) -> Span | None:
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _dep_path(a: Token, b: Token) -> tuple[str, str]:
    """The dependency path between two tokens through their lowest common ancestor."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in ids_b:
            left = [x.dep_ for x in up_a[:k]]
            right = [x.dep_ for x in up_b[: ids_b[t.i]]]
            return "^".join(left) + "|" + "v".join(reversed(right)), t.lemma_.lower()
    return "none", ""


def _mention_is_coref(m: Mention) -> bool:
    return m.extractor.startswith("coreference")


def sentence_pairs(ctx: Context, rule_relations: tuple[Relation, ...]) -> list[PairCandidate]:
    """Every ordered pair of entities mentioned in one sentence for which the guide allows
    a predicate (partnerOf once per unordered pair), with its features."""
    doc = ctx.doc
    rules_any: dict[tuple[str, str], set[str]] = {}
    rules_here: dict[tuple[str, str, int], set[str]] = {}
    for r in rule_relations:
        rules_any.setdefault((r.subject, r.object), set()).add(r.predicate.value)
        rules_here.setdefault((r.subject, r.object, r.sentence), set()).add(r.predicate.value)
    counts = Counter({e.key: len(e.mentions) for e in ctx.entities})
    events = [e for e in ctx.entities if e.type == E.EVENT]
    main_event = max(events, key=lambda e: len(e.mentions)).key if events else None
    out: list[PairCandidate] = []
    for idx, hits in ctx.by_sentence.items():
        if idx >= len(ctx.sentences):
            continue
        sent = ctx.sentences[idx]
        best: dict[str, Mention] = {}
        for h in hits:
            if h.key not in best or _mention_is_coref(best[h.key]):
                best[h.key] = h.mention
        keys = list(best)
        types = {k: ctx.entity(k).type for k in keys}
        type_counts = Counter(types.values())
        for a in keys:
            for b in keys:
                if a == b:
                    continue
                preds = allowed(types[a], types[b])
                if not preds:
                    continue
                if preds == (P.PARTNER_OF,) and best[a].start > best[b].start:
                    continue
                ma, mb = best[a], best[b]
                if ma.start < mb.end and mb.start < ma.end:
                    inner = "a_in_b" if mb.start <= ma.start and ma.end <= mb.end else "b_in_a"
                else:
                    inner = None
                f = _pair_features(doc, ctx, sent, ma, mb, types[a], types[b], type_counts)
                if inner:
                    f[f"nested={inner}"] = 1
                for p in rules_any.get((a, b), ()):
                    f[f"rule={p}"] = 1
                for p in rules_here.get((a, b, idx), ()):
                    f[f"rule_here={p}"] = 1
                for p in rules_any.get((b, a), ()):
                    f[f"rule_rev={p}"] = 1
                if b == main_event:
                    f["obj_main_event"] = 1
                if len(events) == 1 and types[b] == E.EVENT:
                    f["only_event"] = 1
                f[f"cnt_a={_bucket(counts[a], (1, 2, 4))}"] = 1
                f[f"cnt_b={_bucket(counts[b], (1, 2, 4))}"] = 1
                out.append(PairCandidate(a, b, idx, f, preds))
    return out


def _pair_features(
    doc: Doc,
    ctx: Context,
    sent: Sentence,
    ma: Mention,
    mb: Mention,
    ta: E,
    tb: E,
    type_counts: Counter,
) -> dict[str, float]:
    tp = f"{ta.value}>{tb.value}"
    f: dict[str, float] = {f"tp={tp}": 1}
    sa, sb = _tokens(doc, ma), _tokens(doc, mb)
    if sa is None or sb is None:
        return f
    order = "ab" if sa.start <= sb.start else "ba"
    f[f"order={order}|{tp}"] = 1
    left, right = (sa, sb) if order == "ab" else (sb, sa)
    between = doc[left.end : right.start] if left.end < right.start else doc[0:0]
    f[f"dist={_bucket(len(between))}|{tp}"] = 1
    f[f"dist={_bucket(len(between))}"] = 1
    if len(between) <= 12:
        for t in between:
            if not t.is_space:
                f[f"btw={t.lemma_.lower()}"] = 1
                f[f"btw={t.lemma_.lower()}|{tp}"] = 1
        text = between.text.strip()
        if text in (",", "(", "-", "–"):
            f[f"appos={text}|{tp}"] = 1
        if not text:
            f[f"adjacent|{tp}"] = 1
    else:
        f[f"far|{tp}"] = 1
    for tag, span in (("a", sa), ("b", sb)):
        for k in (1, 2):
            if span.start - k >= 0:
                t = doc[span.start - k]
                f[f"pre{k}_{tag}={_lower(t)}"] = 1
                f[f"pre{k}_{tag}={_lower(t)}|{tp}"] = 1
        if span.end < len(doc):
            f[f"post_{tag}={_lower(doc[span.end])}|{tp}"] = 1
        f[f"dep_{tag}={span.root.dep_}|{tp}"] = 1
        f[f"hd_{tag}={span.root.head.lemma_.lower()}|{tp}"] = 1
    path, lca = _dep_path(sa.root, sb.root)
    f[f"path={path}|{tp}"] = 1
    f[f"lca={lca}|{tp}"] = 1
    f[f"lca={lca}"] = 1
    hops = path.count("^") + path.count("v") + (2 if path != "none" else 0)
    f[f"plen={_bucket(hops, (1, 2, 3, 4, 6))}|{tp}"] = 1
    verbs_between = sum(1 for t in between if t.pos_ == "VERB")
    f[f"verbs_btw={_bucket(verbs_between, (0, 1, 2))}|{tp}"] = 1
    if any(t.text in (";", ":") for t in between) or any(t.lower_ == "tandis" for t in between):
        f[f"clause_break|{tp}"] = 1
    root = next((t for t in sa.sent if t.dep_ == "ROOT"), None)
    if root is not None:
        f[f"sroot={root.lemma_.lower()}|{tp}"] = 1
    for t in sa.sent:
        if t.pos_ == "VERB":
            f[f"verb={t.lemma_.lower()}|{tp}"] = 1
    for t, n in type_counts.items():
        f[f"n{t.value}={_bucket(n, (1, 2, 3))}|{tp}"] = 1
    if _mention_is_coref(ma):
        f["coref_a"] = 1
    if _mention_is_coref(mb):
        f["coref_b"] = 1
    if sent.index == 0:
        f["headline"] = 1
    if ctx.is_locative(mb):
        f[f"locative_b|{tp}"] = 1
    if ctx.is_locative(ma):
        f[f"locative_a|{tp}"] = 1
    return f


# ------------------------------------------------------------------------ commitments


@dataclass(frozen=True)
class ActorCandidate:
    """A sentence and an entity that may be committing itself in it."""

    actor: str
    sentence: int
    features: dict[str, float]


def sentence_features(doc: Doc, sent: Sentence, cue_kinds: list[str]) -> dict[str, float]:
    """What the commitment and kind models see of a sentence alone."""
    f: dict[str, float] = {}
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return f
    for k in cue_kinds:
        f[f"cue={k}"] = 1
    if not cue_kinds:
        f["no_cue"] = 1
    for t in span:
        if t.is_punct or t.is_space or t.like_num:
            continue
        lem = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADP", "ADV", "SCONJ", "PRON"):
            f[f"w={lem}"] = 1
        for tense in t.morph.get("Tense"):
            f[f"tense={tense}|{t.pos_}"] = 1
        for mood in t.morph.get("Mood"):
            f[f"mood={mood}"] = 1
        if t.dep_ == "ROOT":
            f[f"root={lem}"] = 1
            for c in t.children:
                if c.dep_ in ("xcomp", "ccomp", "obj"):
                    f[f"root_{c.dep_}={c.lemma_.lower()}"] = 1
    _mean_vector(span, "sv", f)
    toks = [t for t in span if not (t.is_punct or t.is_space)]
    for a, b in itertools.pairwise(toks):
        if a.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            f[f"bi={a.lemma_.lower()} {b.lemma_.lower()}"] = 1
    if any(q in sent.text for q in ("«", "»", '"', "“")):
        f["quote"] = 1
    f[f"slen={_bucket(len(span), (8, 15, 25, 40, 60))}"] = 1
    if sent.index == 0:
        f["headline"] = 1
    if sent.index <= 2:
        f["lead"] = 1
    return f


def commitment_sentence_features(
    ctx: Context, sent: Sentence, cues: dict[int, list[str]]
) -> dict[str, float]:
    """What the sentence model sees: whether a sentence carries a commitment at all."""
    f = sentence_features(ctx.doc, sent, cues.get(sent.index, []))
    opener = OPENER.match(sent.text)
    if opener:
        f[f"opener={opener.group(1).lower()}"] = 1
    types = Counter(h.type for h in ctx.hits(sent.index))
    for t in (E.COUNTRY, E.ORGANISATION, E.PERSON, E.INITIATIVE):
        f[f"s_n{t.value}={_bucket(types[t], (0, 1, 2))}"] = 1
    _subjects(ctx, sent, f)
    _repeats(ctx, sent, f)
    if sent.index == len(ctx.sentences) - 1:
        f["last_sentence"] = 1
        if not sent.text.rstrip().endswith((".", "!", "?", "»", '"', "”", ")")):
            f["cut_off"] = 1
    return f


def _subjects(ctx: Context, sent: Sentence, f: dict[str, float]) -> None:
    """Who does what, in what tense: "La Chine continuera" (a country, a future) commits;
    "les entreprises ont" does not."""
    span = ctx.span(sent.start, sent.end)
    if span is None:
        return
    typed = {}
    for h in ctx.hits(sent.index):
        tok = ctx.span(h.mention.start, h.mention.end)
        if tok is not None:
            for t in tok:
                typed[t.i] = h.type.value
    for t in span:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None:
            continue
        who = typed.get(subj.i) or ("PRON" if subj.pos_ == "PRON" else subj.pos_)
        lem = t.lemma_.lower()
        f[f"subj={who}|verb={lem}"] = 1
        for tense in t.morph.get("Tense") or ["none"]:
            f[f"subj={who}|tense={tense}"] = 1


@lru_cache(maxsize=4096)
def _words_of(text: str) -> frozenset[str]:
    """Read once per sentence, however many sentences it is compared with."""
    return frozenset(w for w in re.findall(r"\w+", text.lower()) if len(w) > 3)


def _repeats(ctx: Context, sent: Sentence, f: dict[str, float]) -> None:
    """The guide annotates a commitment told twice once, from its first full body
    sentence: whether this sentence retells one before it, or is retold after it."""
    words = _words_of(sent.text)
    if not words:
        return
    for other in ctx.sentences:
        if other.index == sent.index:
            continue
        shared = len(words & _words_of(other.text)) / len(words)
        if shared < 0.5:
            continue
        if other.index < sent.index:
            f["retells_headline" if other.index == 0 else "retells_earlier"] = 1
        else:
            f["retold_later"] = 1


def commitment_candidates(
    ctx: Context,
    relations: tuple[Relation, ...],
    rule_commitments: tuple,
    cues: dict[int, list[str]],
) -> list[ActorCandidate]:
    """(sentence, actor) pairs: countries and organisations named in a sentence, those a
    person named in it speaks for, and the two main parties where "les deux pays" stand."""
    doc = ctx.doc
    affiliation: dict[str, list[str]] = {}
    for r in relations:
        if r.predicate == P.HOLDS_ROLE:
            affiliation.setdefault(r.subject, []).append(r.object)
    rule_at: dict[tuple[str, int], list[str]] = {}
    for c in rule_commitments:
        rule_at.setdefault((c.actor, c.sentence), []).append(c.kind.value)
    rule_sents = {c.sentence for c in rule_commitments}
    countries = Counter(
        {e.key: len(e.mentions) for e in ctx.entities if e.type == E.COUNTRY}
    ).most_common(2)
    top_two = [k for k, _ in countries]
    agents = Counter(
        {e.key: len(e.mentions) for e in ctx.entities if e.type in (E.COUNTRY, E.ORGANISATION)}
    ).most_common(3)
    top_agents = [k for k, _ in agents]
    entity = {e.key: e for e in ctx.entities}
    out: list[ActorCandidate] = []
    previous: set[str] = set()
    for sent in ctx.sentences:
        hits = ctx.hits(sent.index)
        base = commitment_sentence_features(ctx, sent, cues)
        opener = OPENER.match(sent.text)
        reasons: dict[str, set[str]] = {}
        first_at: dict[str, Mention] = {}
        for h in hits:
            if h.type in (E.COUNTRY, E.ORGANISATION):
                reasons.setdefault(h.key, set()).add("named")
                first_at.setdefault(h.key, h.mention)
            elif h.type == E.PERSON:
                for org in affiliation.get(h.key, []):
                    reasons.setdefault(org, set()).add("via_person")
        if BOTH_PARTIES.search(sent.text):
            for k in top_two:
                reasons.setdefault(k, set()).add("both_parties")
        for c in rule_commitments:
            if c.sentence == sent.index:
                reasons.setdefault(c.actor, set()).add("rule")
        here = set(reasons)
        if sent.index in cues or opener:
            # "Il a proposé…", "Les deux agences continueront…": the actor was named before
            for k in previous:
                reasons.setdefault(k, set()).add("previous")
            for k in top_agents:
                reasons.setdefault(k, set()).add("article_top")
        if here:
            previous = here
        n_named = sum(1 for r in reasons.values() if "named" in r)
        for key, why in reasons.items():
            if key not in entity:
                continue
            e = entity[key]
            f = dict(base)
            t = e.type.value
            f[f"atype={t}"] = 1
            for w in why:
                f[f"why={w}"] = 1
                f[f"why={w}|{t}"] = 1
            for k in rule_at.get((key, sent.index), []):
                f[f"rule_kind={k}"] = 1
            if sent.index in rule_sents:
                f["rule_sentence"] = 1
            f[f"n_named={_bucket(n_named, (0, 1, 2, 3))}"] = 1
            if key in top_two:
                f[f"top{top_two.index(key) + 1}"] = 1
            if key in top_agents:
                f[f"agent_rank={top_agents.index(key) + 1}|{'here' if key in here else 'away'}"] = 1
            m = first_at.get(key)
            if m is not None:
                span = _tokens(doc, m)
                if span is not None:
                    root = span.root
                    f[f"adep={root.dep_}"] = 1
                    f[f"ahead={root.head.lemma_.lower()}"] = 1
                    f[f"adep={root.dep_}|{root.head.pos_}"] = 1
                    pos = (m.start - sent.start) / max(1, sent.end - sent.start)
                    f[f"apos={_bucket(int(pos * 10), (0, 1, 3, 6, 10))}"] = 1
                    if span.start > 0:
                        f[f"apre={_lower(doc[span.start - 1])}"] = 1
            out.append(ActorCandidate(key, sent.index, f))
    return out


def cue_kinds(sentences: tuple[Sentence, ...]) -> dict[int, list[str]]:
    """The kinds of the commitment cues (``data/lexicon/commitments.tsv``) each sentence
    holds: general French wording of undertakings, a feature for the model."""
    from kg.extract.commitments import load_cues

    out: dict[int, list[str]] = {}
    cues = load_cues()
    for s in sentences:
        low = s.text.lower()
        kinds = sorted(
            {f"{c.kind.value}/{c.modality.value}" for c in cues if c.pattern.search(low)}
        )
        if kinds:
            out[s.index] = kinds
    return out
