"""Readers: every input form gives clean text, its metadata and a stable identity."""

import json
from datetime import date

import pytest

from kg.articles import article_id, find_files, read_articles, read_file
from kg.build import read_all
from kg.errors import ArticleFormatError

from .pages import saved_page

BODY = "Le Vietnam et le Japon ont signé un accord sur les semi-conducteurs à Hanoï."


def test_text_article_keeps_offsets_and_reads_date_marker(tmp_path):
    raw = " date 2024-06 Singapour et le Cambodge signent un accord\n\nLe texte suit."
    p = tmp_path / "a1.txt"
    p.write_text(raw, encoding="utf-8")
    (art,) = read_file(p)
    assert art.id == article_id(None, art.text) and len(art.id) == 16
    assert art.published == date(2024, 6, 1) and art.published_precision == "month"
    assert len(art.text) == len(raw)
    assert art.text.index("Singapour") == raw.index("Singapour")
    assert "date 2024" not in art.text
    assert art.title == "Singapour et le Cambodge signent un accord"
    assert art.lang == "fr"


def test_markdown_front_matter_is_metadata_and_markup_is_removed(tmp_path):
    p = tmp_path / "note.md"
    p.write_text(
        "---\ntitle: Accord Vietnam-Japon\ndate: 18/07/2025\nurl: https://ex.org/n1\n"
        "source: Notes de veille\ntags: [semi-conducteurs, Japon]\nlang: fr\n---\n"
        "# Accord Vietnam-Japon\n\nLe **Vietnam** et le *Japon* ont signé un accord "
        "sur les [semi-conducteurs](https://ex.org) à Hanoï.\n\n- premier point\n",
        encoding="utf-8",
    )
    (art,) = read_file(p)
    assert art.title == "Accord Vietnam-Japon"
    assert art.published == date(2025, 7, 18) and art.published_precision == "day"
    assert art.url == "https://ex.org/n1" and art.source == "Notes de veille"
    assert art.tags == ("semi-conducteurs", "Japon")
    assert "title:" not in art.text and "tags" not in art.text and "---" not in art.text
    assert "**" not in art.text and "](" not in art.text and "#" not in art.text
    assert art.text.splitlines() == ["Accord Vietnam-Japon", BODY, "premier point"]


def test_jsonl_reads_usual_keys_and_feed_dates_and_reports_a_bad_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "content": BODY,
                        "date": "18/07/2025",
                        "link": "https://e.x/1",
                        "source": "VNA",
                        "headline": "Accord",
                    }
                ),
                '{"content": "broken',
                json.dumps(
                    {
                        "body": "La Chine propose un fonds pour l'IA à l'ASEAN.",
                        "pubDate": "Fri, 18 Jul 2025 09:30:00 +0700",
                    }
                ),
                json.dumps({"text": "Le Laos s'engage.", "published": "18 juillet 2025"}),
                json.dumps({"text": "Le Laos s'engage encore.", "published": "demain"}),
            ]
        ),
        encoding="utf-8",
    )
    problems: list[ArticleFormatError] = []
    arts = read_file(p, problems)
    assert len(arts) == 3
    assert arts[0].published == date(2025, 7, 18) and arts[0].url == "https://e.x/1"
    assert arts[0].source == "VNA" and arts[0].title == "Accord"
    assert arts[1].published == date(2025, 7, 18) and arts[2].published == date(2025, 7, 18)
    assert [str(x).split(": ", 1)[1].split(":")[0] for x in problems] == ["line 2", "line 5"]
    assert all(str(p) in str(x) for x in problems)
    with pytest.raises(ArticleFormatError, match="line 2: invalid JSON"):
        read_file(p)


def test_json_list_and_gold_files_are_told_apart(tmp_path):
    (tmp_path / "export.json").write_text(
        json.dumps({"articles": [{"text": BODY, "url": "https://e.x/2"}]}), encoding="utf-8"
    )
    (tmp_path / "gold.json").write_text(
        json.dumps({"article": "a.txt", "entities": [], "relations": []}), encoding="utf-8"
    )
    assert [f.name for f in find_files([tmp_path])] == ["export.json"]
    (art,) = read_articles([tmp_path])
    assert art.url == "https://e.x/2"


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"text": "ok ok ok"}\n{"id": ', "line 2: invalid JSON"),
        ('{"title": "no text"}', "line 1: no text"),
        ('{"text": "  "}', "line 1: has no text"),
        ('{"text": "Le Vietnam signe.", "date": "bientôt"}', "line 1: not a date"),
    ],
)
def test_bad_jsonl_names_file_and_line(tmp_path, content, reason):
    p = tmp_path / "bad.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleFormatError) as err:
        read_file(p)
    assert str(p) in str(err.value) and reason in str(err.value)


def test_empty_and_binary_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(ArticleFormatError, match="has no text"):
        read_file(empty)
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("Hanoï".encode("latin-1"))
    with pytest.raises(ArticleFormatError, match="not UTF-8"):
        read_file(binary)


def test_saved_page_keeps_the_story_and_its_metadata_and_drops_the_furniture(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        saved_page("Accord Vietnam-Japon", [BODY, "Le texte se poursuit ici."]), encoding="utf-8"
    )
    (art,) = read_file(p)
    assert art.text.splitlines() == ["Accord Vietnam-Japon", BODY, "Le texte se poursuit ici."]
    assert art.title == "Accord Vietnam-Japon" and art.published == date(2025, 7, 18)
    assert art.source == "Le Courrier numérique" and art.author == "Tran Thi Minh"
    assert art.url == "https://example.org/a/1"
    for junk in (
        "Accepter",
        "Refuser",
        "Zalo",
        "Par Tran",
        "À lire aussi",
        "Microsoft",
        "Tous droits",
        "Accueil",
    ):
        assert junk not in art.text, junk


def test_identity_is_the_url_else_the_text(tmp_path):
    for d in ("site-a", "site-b"):
        (tmp_path / d).mkdir()
    (tmp_path / "site-a" / "index.html").write_text(
        saved_page("Un", [BODY], url="https://ex.org/a"), encoding="utf-8"
    )
    (tmp_path / "site-b" / "index.html").write_text(
        saved_page(
            "Deux", ["La Chine propose un fonds pour l'IA à l'ASEAN."], url="https://ex.org/b"
        ),
        encoding="utf-8",
    )
    (tmp_path / "copy.txt").write_text(BODY + "\n", encoding="utf-8")
    (tmp_path / "again.txt").write_text("  " + BODY + "  \n\n", encoding="utf-8")
    arts, failures = read_all([tmp_path])
    assert not failures
    ids = {a.source_file.split("/")[-2] + "/" + a.source_file.split("/")[-1]: a.id for a in arts}
    assert len(set(ids.values())) == 3, ids  # two pages, and one text met twice
    assert article_id("https://ex.org/a?utm_source=rss#top", "") == article_id(
        "https://ex.org/a", ""
    )


def test_language_is_detected_not_assumed(tmp_path):
    (tmp_path / "en.txt").write_text(
        "The Vietnamese minister met his Japanese counterpart in Hanoi on Thursday to sign "
        "an agreement on semiconductors and artificial intelligence.",
        encoding="utf-8",
    )
    (tmp_path / "vi.txt").write_text(
        "Bộ Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2025 tại Hà Nội với sự tham "
        "gia của các bộ, ngành.",
        encoding="utf-8",
    )
    (tmp_path / "fr.txt").write_text(BODY, encoding="utf-8")
    langs = {a.source_file.rsplit("/", 1)[-1]: a.lang for a in read_articles([tmp_path])}
    assert langs == {"en.txt": "en", "fr.txt": "fr", "vi.txt": "vi"}


def test_folders_are_searched_and_missing_paths_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt"]
    with pytest.raises(ArticleFormatError, match="no such file"):
        list(read_articles([tmp_path / "nope"]))
    with pytest.raises(ArticleFormatError, match="unsupported file type"):
        read_file(tmp_path / "notes.csv")
