from datetime import date

import pytest

from kg.extract.dates import date_in
from kg.model import Article, Entity, EntityType


def event(year=None):
    return Entity("e", EntityType.EVENT, "Forum", (), year=year)


@pytest.mark.parametrize(
    "text, published, year, expected",
    [
        ("Le forum a débuté en Indonésie le 1 er novembre.", date(2024, 11, 1), None, "2024-11-01"),
        ("Il s'est tenu les 12 et 13 août à Kuala Lumpur.", date(2025, 9, 1), None, "2025-08-12"),
        ("La réunion s'est tenue jeudi 10 décembre.", date(2021, 1, 1), None, "2020-12-10"),
        ("L'après-midi du 26 février, dans le cadre du forum", None, 2025, "2025-02-26"),
        ("Les entretiens à Paris en octobre dernier.", date(2025, 4, 1), None, "2024-10"),
        ("Le sommet tenu en 2019.", None, None, "2019"),
        ("Le 12 avril, à Hanoï.", None, None, None),
        ("Lancée en 2019, la Semaine internationale 2025", None, 2025, None),
    ],
)
def test_dates_keep_their_precision_and_never_invent_a_year(text, published, year, expected):
    art = Article(
        "a", text, "a.txt", published=published, published_precision="month" if published else None
    )
    assert date_in(text, event(year), art) == expected
