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


@pytest.mark.parametrize(
    "text, published, precision, expected",
    [
        ("Le forum s'est ouvert ce jeudi à Hanoï.", date(2025, 7, 18), "day", "2025-07-17"),
        ("La réunion se tiendra jeudi à Tokyo.", date(2025, 7, 18), "day", "2025-07-24"),
        ("Le forum s'est ouvert jeudi dernier.", date(2025, 7, 17), "day", "2025-07-10"),
        ("Le sommet s'est tenu hier à Vientiane.", date(2025, 7, 18), "day", "2025-07-17"),
        ("Le forum s'est ouvert ce jeudi à Hanoï.", date(2025, 7, 1), "month", "2025-07"),
        ("Le sommet aura lieu l'année prochaine.", date(2025, 7, 18), "day", "2026"),
        ("La conférence, le mois prochain à Séoul.", date(2025, 12, 3), "day", "2026-01"),
        ("Le forum s'est ouvert ce jeudi à Hanoï.", None, None, None),
    ],
)
def test_relative_dates_resolve_against_the_article_date(text, published, precision, expected):
    art = Article("a", text, "a.txt", published=published, published_precision=precision)
    assert date_in(text, event(), art) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("Le Vietnam vise 50 000 ingénieurs d'ici 2030.", None, "2030"),
        ("La Chine formera 1 000 experts d'ici à fin 2026.", None, "2026"),
        ("Le réseau sera achevé d'ici juin 2026.", None, "2026-06"),
        (
            "Le Japon investira 2 milliards dans les cinq prochaines années.",
            date(2025, 3, 1),
            "2030",
        ),
        ("Singapour s'engage à former 100 cadres d'ici trois ans.", date(2024, 5, 1), "2027"),
        ("Singapour s'engage à former 100 cadres d'ici trois ans.", None, None),
        ("Le Laos s'engage à renforcer la coopération.", date(2024, 5, 1), None),
    ],
)
def test_commitment_deadlines(text, published, expected):
    from kg.extract.dates import deadline_in

    art = Article("a", text, "a.txt", published=published, published_precision="day")
    assert deadline_in(text, art) == expected


def test_deadlines_reach_the_graph(nlp):
    from kg import store as store_mod
    from kg.build import build_articles
    from kg.namespace import KG

    art = Article(
        "d1",
        "Le Vietnam s'engage à former 50 000 ingénieurs en semi-conducteurs d'ici 2030.",
        "d1.txt",
        published=date(2025, 7, 18),
        published_precision="day",
    )
    with store_mod.open("memory:") as st:
        build_articles([art], st)
        res = st.query("SELECT ?d WHERE { ?c ?p ?d }", {"p": KG.deadline})
        assert [str(r[0]) for r in res.rows] == ["2030"]
