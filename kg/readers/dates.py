"""Publication dates as feeds and pages write them.

ISO dates are read exactly (at the precision they give); RFC 2822 (``Fri, 18 Jul 2025
09:30:00 +0700``, RSS) through the standard library; anything else ("18/07/2025",
"18 juillet 2025", "July 18, 2025") through dateparser, day first as in French. A
value that is none of these is an error, never a guess.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?")


@cache
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["fr", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )


def parse_date(value: str) -> tuple[date, str]:
    """The date (first day of its period) and precision (``day``, ``month``, ``year``).

    >>> parse_date("2024-06")
    (datetime.date(2024, 6, 1), 'month')
    >>> parse_date("18/07/2025")
    (datetime.date(2025, 7, 18), 'day')
    >>> parse_date("18 juillet 2025")
    (datetime.date(2025, 7, 18), 'day')
    >>> parse_date("Fri, 18 Jul 2025 09:30:00 +0700")
    (datetime.date(2025, 7, 18), 'day')
    """
    text = value.strip()
    m = _ISO.fullmatch(text)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        precision = "day" if day else "month" if month else "year"
        try:
            return date(int(year), int(month or 1), int(day or 1)), precision
        except ValueError as exc:
            raise ValueError(f"not a date: {value!r} ({exc})") from exc
    try:
        return parsedate_to_datetime(text).date(), "day"
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d", text):  # "hier", "jeudi": relative to what? not a date here
        raise ValueError(f"not a date: {value!r}")
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        raise ValueError(f"not a date: {value!r}")
    period = data.period if data.period in ("day", "month", "year") else "day"
    d = data.date_obj.date()
    if period == "month":
        d = d.replace(day=1)
    elif period == "year":
        d = d.replace(month=1, day=1)
    return d, period
