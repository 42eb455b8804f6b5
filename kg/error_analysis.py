"""``kg evaluate --errors``: every false positive and false negative, with its sentence.

Figures say how much is wrong; this says what. Items are grouped by kind (entity type,
predicate, commitment) so that one can read, say, every missed ``signs`` together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.evaluate import Annotation, Evaluation, _words, align
from kg.extract.text import normalise


@dataclass(frozen=True)
class Error:
    article: str
    group: str  # "entity:Event", "relation:signs", "commitment"
    verdict: str  # "false positive" or "false negative"
    item: str
    sentence: str

    def to_json(self) -> dict[str, str]:
        return {
            "article": self.article,
            "group": self.group,
            "verdict": self.verdict,
            "item": self.item,
            "sentence": self.sentence,
        }


def _sentence_with(text: str, names: list[str]) -> str:
    """The first sentence of the article that holds one of the names (for a gold entity,
    whose file gives no offsets)."""
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        low = normalise(sent)
        if any(n and normalise(n) in low for n in names):
            return sent.strip()
    return ""


def errors(ev: Evaluation, texts: dict[str, str] | None = None) -> list[Error]:
    """False positives and false negatives of every article of an evaluation."""
    texts = texts or {}
    out: list[Error] = []
    preds = {p.article: p for p in ev.predictions}
    for g in ev.gold:
        p = preds.get(g.article, Annotation(g.article))
        out.extend(_article_errors(g, p, texts.get(g.article, "")))
    return out


def _article_errors(g: Annotation, p: Annotation, text: str) -> list[Error]:
    out: list[Error] = []
    pairs = align(g.entities, p.entities)
    gname = {e.id: e.name for e in g.entities}
    pname = {e.id: e.name for e in p.entities}
    matched = set(pairs.values())
    for e in p.entities:
        if e.id not in pairs:
            out.append(
                Error(
                    g.article,
                    f"entity:{e.type}",
                    "false positive",
                    e.name,
                    _sentence_with(text, [e.name, *e.aliases]),
                )
            )
    for e in g.entities:
        if e.id not in matched:
            out.append(
                Error(
                    g.article,
                    f"entity:{e.type}",
                    "false negative",
                    e.name,
                    _sentence_with(text, [e.name, *e.aliases]),
                )
            )

    def key(s: str, pr: str, o: str) -> tuple[str, str, str]:
        return (o, pr, s) if pr == "partnerOf" and o < s else (s, pr, o)

    gold_rel = {key(r.subject, r.predicate, r.object): r for r in g.relations}
    hit: set[tuple[str, str, str]] = set()
    for r in p.relations:
        k = key(pairs.get(r.subject, "?"), r.predicate, pairs.get(r.object, "?"))
        if k in gold_rel:
            hit.add(k)
            continue
        out.append(
            Error(
                g.article,
                f"relation:{r.predicate}",
                "false positive",
                f"{pname.get(r.subject, r.subject)} {r.predicate} {pname.get(r.object, r.object)}",
                r.evidence or "",
            )
        )
    for k, r in gold_rel.items():
        if k not in hit:
            out.append(
                Error(
                    g.article,
                    f"relation:{r.predicate}",
                    "false negative",
                    f"{gname[r.subject]} {r.predicate} {gname[r.object]}",
                    r.evidence or "",
                )
            )
    used: set[int] = set()
    for c in p.commitments:
        actor = pairs.get(c.actor)
        words = _words(c.evidence)
        found = None
        for i, gc in enumerate(g.commitments):
            gw = _words(gc.evidence)
            if i not in used and gc.actor == actor and gw and len(gw & words) >= 0.5 * len(gw):
                found = i
                break
        if found is None:
            out.append(
                Error(
                    g.article,
                    "commitment",
                    "false positive",
                    f"{pname.get(c.actor, c.actor)} ({c.kind})",
                    c.evidence,
                )
            )
        else:
            used.add(found)
    for i, gc in enumerate(g.commitments):
        if i not in used:
            out.append(
                Error(
                    g.article,
                    "commitment",
                    "false negative",
                    f"{gname[gc.actor]} ({gc.kind})",
                    gc.evidence,
                )
            )
    return out
