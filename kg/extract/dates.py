"""When events took place: French date phrases in the sentence that names the event.

"le 26 février", "les 12 et 13 août", "jeudi 10 décembre", "le 1 er novembre" give a day;
"en octobre dernier" a month; "en 2019" a year. A date without a year takes it from the
event's own name ("Forum … 2025") or from the article's date (a month after the article's
month falls in the year before). Words that only mean something against the article's
date ("jeudi", "hier", "le mois prochain", "l'année dernière") are resolved against it,
at the precision of both: "jeudi" in an article of 18 July 2025 is 17 July 2025; in an
article known only by its month it is that month. A date whose year cannot be known is
not recorded: kg keeps each date at the precision the text supports, and never invents
one.

Commitments get a deadline the same way: "d'ici 2030", "d'ici à fin 2026", "d'ici juin
2026", "d'ici cinq ans", "dans les trois prochaines années", "l'année prochaine".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.model import Article, Commitment, Entity, EntityType, Sentence

_MONTH_NAMES = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = "|".join(MONTHS)
DAY = re.compile(
    rf"\b(?:le|les|du|au|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche))\s+"
    rf"(\d{{1,2}})\s*(?:er|ᵉʳ)?(?:\s+et\s+\d{{1,2}})?\s+({_MONTH})(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
MONTH = re.compile(rf"\ben\s+({_MONTH})(?:\s+(\d{{4}}))?(\s+dernier)?", re.IGNORECASE)
YEAR = re.compile(r"\b(?:en|de|tenue?s?\s+en)\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _year_for(month: int, explicit: str | None, event: Entity, article: Article) -> int | None:
    if explicit:
        return int(explicit)
    if event.year:
        return event.year
    if article.published:
        pub = article.published
        return (
            pub.year
            if month <= pub.month or article.published_precision == "year"
            else pub.year - 1
        )
    return None


def date_in(text: str, event: Entity, article: Article) -> str | None:
    """The ISO date (at its precision) stated in ``text`` for ``event``, if any.

    >>> from kg.model import Article, Entity, EntityType
    >>> ev = Entity("e", EntityType.EVENT, "Forum de l'avenir de l'ASEAN 2025", (), year=2025)
    >>> date_in("L'après-midi du 26 février, dans le cadre du Forum", ev, Article("a", "", "a"))
    '2025-02-26'
    """
    m = DAY.search(text)
    if m:
        month = MONTHS[m.group(2).lower()]
        year = _year_for(month, m.group(3), event, article)
        if year:
            try:
                return date(year, month, int(m.group(1))).isoformat()
            except ValueError:
                return None
    m = MONTH.search(text)
    if m:
        month = MONTHS[m.group(1).lower()]
        year = _year_for(month, m.group(2), event, article)
        return f"{year:04d}-{month:02d}" if year else None
    rel = relative_date(text, article)
    if rel:
        return rel
    m = YEAR.search(text)
    if m and not re.search(
        r"(?i)depuis|d'ici|jusqu|lancée?s?|créée?s?|fondée?s?",
        text[max(0, m.start() - 14) : m.start()],
    ):
        if event.year and int(m.group(1)) != event.year:
            return None  # "Lancée en 2019, la Semaine … 2025": the series, not this edition
        return m.group(1)
    return None


_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAY = re.compile(
    rf"\b(?:(ce|le)\s+)?({'|'.join(_WEEKDAYS)})(?:\s+(dernier|prochain|matin|soir|après-midi))?\b"
    rf"(?!\s+\d)",
    re.IGNORECASE,
)
RELATIVE_DAY = re.compile(r"\b(aujourd'hui|aujourd’hui|hier|avant-hier|demain|ce matin)\b", re.I)
RELATIVE_PERIOD = re.compile(
    r"\b(?:(?:l['’]|cette\s+|ce\s+)(année|an|mois)(?:\s+(prochaine?|dernière?|passée?|en cours))?|"
    r"(le\s+mois|l['’]année|l['’]an)\s+(prochaine?|dernière?|passée?))\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"(?i)\b(?:aura|auront|se tiendra|se tiendront|sera|seront|va|vont|prévue?s?|"
    r"devrait|devraient|accueillera|organisera)\b"
)
_NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "quinze": 15,
    "vingt": 20,
}
DEADLINE = re.compile(
    rf"\b(?:d['’]ici(?:\s+à)?(?:\s+la)?|avant(?:\s+la)?|au\s+plus\s+tard\s+(?:en|d'ici))\s+"
    rf"(?:(fin|début|mi)[-\s](?:de\s+l['’]année\s+)?)?"
    rf"(?:(?:({_MONTH})\s+)?((?:19|20)\d\d)|(\d+|{'|'.join(_NUMBERS)})\s+ans)\b",
    re.IGNORECASE,
)
WITHIN = re.compile(
    rf"\bdans\s+les\s+(\d+|{'|'.join(_NUMBERS)})\s+(?:prochaines\s+années|années\s+à\s+venir)\b",
    re.IGNORECASE,
)


def _at(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[precision]


def _shift_month(d: date, months: int) -> date:
    m = d.year * 12 + d.month - 1 + months
    return date(m // 12, m % 12 + 1, 1)


def relative_date(text: str, article: Article) -> str | None:
    """A date ``text`` states only relative to the article's own ("jeudi", "hier",
    "l'année prochaine"), at the precision both allow; ``None`` without an article date.

    >>> from datetime import date
    >>> a = Article("a", "", "a.txt", published=date(2025, 7, 18), published_precision="day")
    >>> relative_date("Le forum s'est ouvert jeudi à Hanoï.", a)
    '2025-07-17'
    >>> relative_date("Le sommet se tiendra l'année prochaine.", a)
    '2026'
    """
    from datetime import timedelta

    pub, prec = article.published, article.published_precision or "day"
    if pub is None:
        return None
    m = WEEKDAY.search(text)
    if m:
        if prec != "day":
            return _at(pub, prec)
        wanted = _WEEKDAYS.index(m.group(2).lower())
        future = (m.group(3) or "").lower() == "prochain" or (
            (m.group(3) or "").lower() != "dernier" and bool(_FUTURE.search(text))
        )
        delta = (wanted - pub.weekday()) % 7 if future else -((pub.weekday() - wanted) % 7)
        if delta == 0 and (m.group(3) or "").lower() in ("dernier", "prochain"):
            delta = 7 if future else -7  # "jeudi dernier" written on a Thursday: a week ago
        return (pub + timedelta(days=delta)).isoformat()
    m = RELATIVE_DAY.search(text)
    if m:
        word = m.group(1).lower().replace("’", "'")
        if prec != "day":
            return _at(pub, prec)
        offset = {"hier": -1, "avant-hier": -2, "demain": 1}.get(word, 0)
        return (pub + timedelta(days=offset)).isoformat()
    m = RELATIVE_PERIOD.search(text)
    if m:
        unit = (m.group(1) or m.group(3) or "").lower()
        which = (m.group(2) or m.group(4) or "").lower()
        step = 1 if which.startswith("prochain") else -1 if which else 0
        if "mois" in unit:
            if prec == "year":
                return None if step else _at(pub, "year")
            return _at(_shift_month(pub, step), "month")
        return f"{pub.year + step:04d}"
    return None


def deadline_in(text: str, article: Article) -> str | None:
    """The deadline a commitment's sentence sets, at its precision, if any.

    >>> deadline_in("Le Vietnam vise 100 000 ingénieurs d'ici 2030.", Article("a", "", "a"))
    '2030'
    >>> deadline_in("d'ici juin 2026", Article("a", "", "a"))
    '2026-06'
    """
    m = DEADLINE.search(text)
    if m:
        if m.group(4):
            n = m.group(4).lower()
            years = int(n) if n.isdigit() else _NUMBERS[n]
            return f"{article.published.year + years:04d}" if article.published else None
        if m.group(2):
            return f"{int(m.group(3)):04d}-{MONTHS[m.group(2).lower()]:02d}"
        return m.group(3)
    m = WITHIN.search(text)
    if m and article.published:
        n = m.group(1).lower()
        return f"{article.published.year + (int(n) if n.isdigit() else _NUMBERS[n]):04d}"
    m = re.search(r"(?i)\b(l['’]année|l['’]an)\s+prochaine?\b", text)
    if m and article.published:
        return f"{article.published.year + 1:04d}"
    return None


def with_deadlines(
    commitments: tuple[Commitment, ...], sentences: tuple[Sentence, ...], article: Article
) -> tuple[Commitment, ...]:
    """Commitments with the deadline their sentence states."""
    return tuple(
        c if c.deadline else replace(c, deadline=deadline_in(sentences[c.sentence].text, article))
        for c in commitments
    )


def with_dates(
    entities: tuple[Entity, ...], sentences: tuple[Sentence, ...], article: Article
) -> tuple[Entity, ...]:
    """Events with the date stated where they are first named with one."""
    out = []
    for e in entities:
        if e.type == EntityType.EVENT and e.date is None:
            for idx in sorted({m.sentence for m in e.mentions}):
                found = date_in(sentences[idx].text, e, article)
                if found:
                    e = replace(e, date=found)
                    break
        out.append(e)
    return tuple(out)
