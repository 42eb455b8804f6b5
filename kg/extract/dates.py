"""When events took place: French date phrases in the sentence that names the event.

"le 26 février", "les 12 et 13 août", "jeudi 10 décembre", "le 1 er novembre" give a day;
"en octobre dernier" a month; "en 2019" a year. A date without a year takes it from the
event's own name ("Forum … 2025") or from the article's date (a month after the article's
month falls in the year before). A date whose year cannot be known is not recorded:
kg keeps each date at the precision the text supports, and never invents one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.model import Article, Entity, EntityType, Sentence

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
    m = YEAR.search(text)
    if m and not re.search(
        r"(?i)depuis|d'ici|jusqu|lancée?s?|créée?s?|fondée?s?",
        text[max(0, m.start() - 14) : m.start()],
    ):
        if event.year and int(m.group(1)) != event.year:
            return None  # "Lancée en 2019, la Semaine … 2025": the series, not this edition
        return m.group(1)
    return None


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
