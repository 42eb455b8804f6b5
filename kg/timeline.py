"""The timeline page: events and commitments by date, one row per actor.

A second view beside the network: what happened when, and who committed to what at
which moment. Dates keep their precision (a year is drawn at its start and written as
the year). The page is static SVG and a table, with no script: every text from articles
is escaped by the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.export import write_atomic
from kg.namespace import KG
from kg.sparql import article_name
from kg.store import Store


@dataclass(frozen=True)
class Moment:
    when: str  # ISO at its precision
    actor: str
    what: str  # "event" or a commitment kind
    label: str  # the event's name, or what was committed
    evidence: str
    article: str

    @property
    def day(self) -> date:
        parts = [int(p) for p in self.when.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def moments(store: Store, actor_iris: list | None = None) -> list[Moment]:
    """Dated events with the actors taking part, and commitments dated by their event (or
    their article), oldest first."""
    rdfs = "<http://www.w3.org/2000/01/rdf-schema#label>"
    events = store.query(
        f"""SELECT DISTINCT ?when ?actorName ?eventName ?actor WHERE {{
              ?event a {KG.Event.n3()} ; {KG.date.n3()} ?when ; {rdfs} ?eventName .
              ?actor {KG.participatesIn.n3()}|{KG.organises.n3()} ?event ; {rdfs} ?actorName .
            }}"""
    )
    coms = store.query(
        f"""SELECT DISTINCT ?when ?actorName ?kind ?evidence ?art ?actor ?eventName WHERE {{
              ?c a {KG.Commitment.n3()} ; {KG.actor.n3()} ?actor ; {KG.kind.n3()} ?k ;
                 {KG.evidence.n3()} ?s ; {KG.inArticle.n3()} ?a .
              ?actor {rdfs} ?actorName . ?s {KG.text.n3()} ?evidence .
              {article_name("?a", "?art")}
              OPTIONAL {{ ?c {KG.event.n3()} ?ev . ?ev {rdfs} ?eventName .
                          OPTIONAL {{ ?ev {KG.date.n3()} ?evDate }} }}
              BIND(COALESCE(?evDate, ?art_published) AS ?when)
              FILTER(BOUND(?when))
              BIND(STRAFTER(STR(?k), "#") AS ?kind)
            }}"""
    )
    wanted = {str(i) for i in actor_iris} if actor_iris else None
    out = [
        Moment(str(w), str(n), "event", str(e), "", "")
        for w, n, e, a in events.rows
        if wanted is None or str(a) in wanted
    ]
    out += [
        Moment(str(w), str(n), str(k), str(e) if e else "", str(ev), str(art))
        for w, n, k, ev, art, a, e in coms.rows
        if wanted is None or str(a) in wanted
    ]
    return sorted(out, key=lambda m: (m.when, m.actor, m.what, m.label, m.evidence))


def render_timeline(found: list[Moment], title: str = "kg timeline", lang: str = "fr") -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from kg.draw import short_label
    from kg.labels import UI

    actors = sorted({m.actor for m in found}, key=lambda a: (-sum(m.actor == a for m in found), a))
    row = {a: i for i, a in enumerate(actors)}
    width, left, top, step = 1100, 220, 40, 26
    if found:
        first, last = min(m.day for m in found), max(m.day for m in found)
        span = max((last - first).days, 1)
    else:
        first, span = date.today(), 1
    x = {id(m): left + (width - left - 30) * (m.day - first).days / span for m in found}
    ticks = sorted({m.when[:4] for m in found})
    tick_x = {
        t: left + (width - left - 30) * (date(int(t), 1, 1) - first).days / span for t in ticks
    }
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    return env.get_template("timeline.html").render(
        title=title,
        lang=lang,
        ui=UI[lang],
        moments=[(m, x[id(m)], top + step * row[m.actor]) for m in found],
        actors=[(a, short_label(a, 30), top + step * i) for i, a in enumerate(actors)],
        ticks=[(t, tick_x[t]) for t in ticks if left <= tick_x[t] <= width],
        width=width,
        height=top + step * max(len(actors), 1) + 20,
        left=left,
    )


def timeline(
    store: Store,
    out: Path | str,
    *,
    actor: str | None = None,
    lang: str = "fr",
    title: str = "kg timeline",
) -> Path:
    """Write the timeline page (of one actor's events and commitments, if given)."""
    from kg.query import find_entities

    iris = find_entities(store, actor) if actor else None
    return write_atomic(out, render_timeline(moments(store, iris), title, lang).encode("utf-8"))
