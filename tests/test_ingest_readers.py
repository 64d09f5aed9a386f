"""Readers: every input kind, metadata, problems reported per line/entry, encodings, limits."""

import io
import json
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from eventledger.ingest import IngestError, IngestProblem, decode_bytes, read_article, read_paths, read_text
from eventledger.models import Article

DATA = Path(__file__).parent / "data" / "ingest"
ENGLISH = (
    "Gunmen attacked a police checkpoint outside the town on Tuesday, killing six officers and wounding "
    "three others, a local official said. Residents said the attackers fled towards the forest. "
)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestProblem)]


def test_plain_text_seed_article():
    article = read_article(DATA / "hasaka.txt")
    assert article.title == "IS militia tries to free captured jihadists"
    assert article.published is None and article.language == "en"
    assert article.origin == str(DATA / "hasaka.txt")
    assert "Goran Tomasevic" not in article.text and "site-111" not in article.text


def test_published_option_overrides_metadata():
    articles, _ = split(read_paths([DATA / "page.html", DATA / "hasaka.txt"], published=date(2022, 1, 21)))
    assert {a.published for a in articles} == {date(2022, 1, 21)}


def test_html_page_metadata_and_boilerplate():
    article = read_article(DATA / "page.html")
    assert article.title == "Militants attack army post near border"
    assert article.outlet == "Example Times"
    assert article.published == date(2023, 5, 2)
    assert article.text.startswith("Militants attacked an army post near the border town of Dera")
    for furniture in ("Home", "By Sara Malik", "Soldiers guard the road", "Copyright", "Privacy", "Related"):
        assert furniture not in article.text
    assert "No group has claimed responsibility" in article.text


def test_html_without_text_is_a_problem():
    _, problems = split(read_paths([DATA / "script_only.html"]))
    assert [p.reason for p in problems] == ["HTML page has no article text"]
    assert problems[0].hint


def test_rss_feed_entries():
    articles, problems = split(read_paths([DATA / "feed.rss"]))
    titles = ["Roadside bomb hits convoy", "Fighters seize village after clashes"]
    assert [a.title for a in articles] == titles
    first = articles[0]
    assert first.published == date(2023, 6, 1) and first.outlet == "Example Monitor"
    assert first.url == "https://monitor.example.org/2023/06/01/convoy"
    assert first.origin == f"{DATA / 'feed.rss'}:1"
    # full content:encoded is preferred over the one-line description; its "Read more" link is furniture
    assert "carrying supplies to an outpost" in first.text and "Read more" not in first.text
    assert "<p>" not in articles[1].text
    assert [(p.line, p.reason) for p in problems] == [(3, "feed entry has no text")]


def test_atom_feed_uses_published_not_updated():
    (article,) = split(read_paths([DATA / "feed.atom"]))[0]
    assert article.published == date(2023, 7, 3) and article.url == "https://atom.example.net/protest"


def test_malformed_feeds_report_feedparsers_reason(tmp_path):
    _, problems = split(read_paths([DATA / "broken.rss", DATA / "not_a_feed.xml"]))
    broken = [p for p in problems if p.origin.endswith("broken.rss")]
    assert broken[0].severity == "warning" and "no element found" in broken[0].reason
    assert [p.reason for p in problems if p.origin.endswith("not_a_feed.xml")] == ["feed has no entries"]
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"this is not xml at all")
    (problem,) = split(read_paths([garbage]))[1]
    assert problem.reason.startswith("malformed feed:") and "syntax error" in problem.reason


def test_jsonl_good_lines_go_in_and_bad_lines_are_numbered():
    articles, problems = split(read_paths([DATA / "articles.jsonl"]))
    assert [a.origin.rsplit(":", 1)[1] for a in articles] == ["1", "2", "7"]
    assert articles[0].title == "Gunmen abduct bus passengers" and articles[0].outlet == "Example Post"
    assert [a.published for a in articles] == [date(2023, 2, 6), date(2023, 2, 7), date(2023, 2, 8)]
    by_line = {p.line: p.reason for p in problems}
    assert set(by_line) == {3, 4, 5, 8, 9}
    assert by_line[3].startswith("invalid JSON")
    assert by_line[4] == "expected a JSON object, got list"
    assert by_line[5] == "missing 'text'"
    assert "not a date" in by_line[8]
    assert "in the future" in by_line[9]
    assert all(p.severity == "error" and p.hint for p in problems)


def test_json_document_list(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": ENGLISH}, {"title": "no text"}]), encoding="utf-8")
    articles, problems = split(read_paths([path]))
    assert len(articles) == 1 and [(p.line, p.reason) for p in problems] == [(2, "missing 'text'")]


def test_folders_are_read_recursively_hidden_files_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ENGLISH.replace("six", "seven"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ENGLISH.replace("six", "eight"), encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text(ENGLISH.replace("six", "nine"), encoding="utf-8")
    articles, problems = split(read_paths([tmp_path]))
    assert sorted(Path(a.origin).name for a in articles) == ["one.txt", "two.txt"]
    assert problems == []


def test_unknown_extension_is_sniffed(tmp_path):
    page = tmp_path / "download.dat"
    page.write_bytes((DATA / "page.html").read_bytes())
    feed = tmp_path / "feed"
    feed.write_bytes((DATA / "feed.atom").read_bytes())
    articles, _ = split(read_paths([page, feed]))
    titles = ["Militants attack army post near border", "Police detain 25 after protest"]
    assert [a.title for a in articles] == titles


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode("utf-8"))))
    (article,) = split(read_paths(["-"]))[0]
    assert article.origin == "<stdin>" and article.text == ENGLISH.strip()


def test_empty_inputs(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    _, problems = split(read_paths([DATA / "empty.txt", DATA / "whitespace.txt", "-", DATA / "missing.txt"]))
    assert [p.reason for p in problems] == [
        "empty file", "empty: no text", "empty input on stdin", "no such file or directory"
    ]


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-8-sig", "utf-16-le"])
def test_encodings_decode(tmp_path, encoding):
    text = ENGLISH + "The observatory quoted a statement: قال المرصد إن الهجوم بدأ يوم الخميس"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    assert read_article(path).text == text.strip()


def test_latin1_decodes(tmp_path):
    text = ENGLISH + "The talks in Genève and Zürich failed, the café owner said."
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read_article(path).text == text.strip()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (bytes(range(256)) * 20, "NUL"),
        (bytes(range(1, 32)) * 50 + b"some text", "control characters"),
    ],
)
def test_binary_rejected(tmp_path, data, what):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    (problem,) = split(read_paths([path]))[1]
    assert "binary file" in problem.reason and what in problem.reason
    with pytest.raises(IngestError, match="binary file"):
        decode_bytes(data)


def test_too_large_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse 50 MB file: refusing it must not depend on its content
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    (problem,) = split(read_paths([path]))[1]
    assert problem.reason.startswith("too large: 50.0 MB") and "EVENTLEDGER_MAX_ARTICLE_MB" in problem.hint
    assert time.perf_counter() - started < 1.0


def test_size_limit_is_configurable_and_applies_to_jsonl_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "%s"}\n{"text": "short enough text"}\n' % ("word " * 400), encoding="utf-8")
    articles, problems = split(read_paths([path], max_bytes=1000, check_language=False))
    assert len(articles) == 1 and problems[0].line == 1 and problems[0].reason.startswith("line too large")


def test_size_limit_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH * 20, encoding="utf-8")  # about 4 kB
    monkeypatch.setenv("EVENTLEDGER_MAX_ARTICLE_MB", "0.001")
    (problem,) = split(read_paths([path]))[1]
    assert problem.reason.startswith("too large")
    monkeypatch.setenv("EVENTLEDGER_MAX_ARTICLE_MB", "lots")
    with pytest.raises(IngestError, match="not a number"):
        read_paths([path])


def test_non_english_is_skipped_with_language_code():
    (problem,) = split(read_paths([DATA / "german.txt"]))[1]
    assert problem.severity == "skipped" and problem.reason == "not English (detected language: de)"
    assert read_article(DATA / "german.txt", check_language=False).text.startswith("Die Terrormiliz")


def test_short_text_is_not_language_checked():
    assert read_text("Troops shell village").text == "Troops shell village"


def test_future_published_option_is_refused_at_once():
    with pytest.raises(IngestError, match="in the future"):
        read_paths([DATA / "hasaka.txt"], published=date(2999, 1, 1))


def test_future_metadata_date_is_a_problem(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "published": "2030-05-01"}), encoding="utf-8")
    (problem,) = split(read_paths([path], today=date(2026, 1, 1)))[1]
    assert "2030-05-01 is in the future" in problem.reason
    # a day ahead is a time zone east of UTC, not an error
    path.write_text(json.dumps({"text": ENGLISH, "published": "2026-01-02"}), encoding="utf-8")
    assert split(read_paths([path], today=date(2026, 1, 1)))[0][0].published == date(2026, 1, 2)


def test_read_article_error_says_what_to_do():
    with pytest.raises(IngestError) as info:
        read_article(DATA / "empty.txt")
    assert "empty file" in str(info.value) and "check that the file was saved" in str(info.value)


def test_same_article_twice_has_the_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ENGLISH.replace(" ", "  ") + "\n\n", encoding="utf-8")
    first, second = split(read_paths([tmp_path]))[0]
    assert first.id == second.id
