import json
from datetime import date

import pytest

from kg.articles import find_files, read_articles, read_file
from kg.errors import ArticleFormatError


def test_text_article_keeps_offsets_and_reads_date_marker(tmp_path):
    raw = " date 2024-06 Singapour et le Cambodge signent un accord\n\nLe texte suit."
    p = tmp_path / "a1.txt"
    p.write_text(raw, encoding="utf-8")
    (art,) = read_file(p)
    assert art.id == "a1"
    assert art.published == date(2024, 6, 1) and art.published_precision == "month"
    assert len(art.text) == len(raw)
    assert art.text.index("Singapour") == raw.index("Singapour")
    assert "date 2024" not in art.text
    assert art.title == "Singapour et le Cambodge signent un accord"


def test_jsonl_articles(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(
        "\n".join(
            json.dumps(o)
            for o in [
                {
                    "id": "x1",
                    "text": "Le Vietnam signe.",
                    "published": "2025-02-26",
                    "url": "https://e.x/1",
                },
                {"id": "x2", "text": "La Chine propose."},
            ]
        ),
        encoding="utf-8",
    )
    arts = read_file(p)
    assert [a.id for a in arts] == ["x1", "x2"]
    assert arts[0].published == date(2025, 2, 26) and arts[0].url == "https://e.x/1"


@pytest.mark.parametrize(
    "content, reason",
    [
        ('{"id": "x1", "text": "ok"}\n{"id": ', "line 2: invalid JSON"),
        ('{"text": "ok"}', "line 1: 'id' must be a non-empty string"),
        ('{"id": "a", "text": "ok"}\n{"id": "a", "text": "ok"}', "duplicate article id"),
        ('{"id": "a", "text": "  "}', "line 1: has no text"),
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


def test_html_article(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>T</title><meta property='article:published_time' "
        "content='2025-02-26T10:00:00'><script>var x = 1;</script></head><body>"
        "<nav>Menu</nav><h1>Forum</h1><p>Le Vietnam s&#39;engage.</p></body></html>",
        encoding="utf-8",
    )
    (art,) = read_file(p)
    assert "Le Vietnam s'engage." in art.text
    assert "Menu" not in art.text and "var x" not in art.text
    assert art.published == date(2025, 2, 26)


def test_folders_are_searched_and_missing_paths_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in find_files([tmp_path])] == ["a.txt"]
    with pytest.raises(ArticleFormatError, match="no such file"):
        list(read_articles([tmp_path / "nope"]))
    with pytest.raises(ArticleFormatError, match="unsupported file type"):
        read_file(tmp_path / "notes.csv")
